// "Honest readiness": can this agent answer a customer right now? Blocking checks: `model`
// (knowledge-base-only mode, or the model's provider has a key) and `knowledge` (all
// categories or at least one chosen, with at least one active article in them). `channel`
// only informs: without a connected channel the agent answers in the test chat alone.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { agentChannels, agentKnowledgeBase, type agents } from '@/lib/db/schema/agents';
import { modelById } from '@/lib/ai/models';
import { requireAgent } from './load-agent';
import { modelConfigured } from './model-configured';

export type ReadinessCode = 'model' | 'knowledge' | 'channel';
export interface ReadinessCheck {
  code: ReadinessCode;
  ok: boolean;
  blocking: boolean;
  message: string;
}
export interface Readiness {
  ready: boolean;
  mode: 'model' | 'kb_only';
  channel: 'connected' | 'test_chat_only';
  checks: ReadinessCheck[];
}

type AgentRow = typeof agents.$inferSelect;

/** Readiness of several agents of one workspace in a few queries (the agents list). */
export async function readinessOf(tx: Tx, workspaceId: string, rows: AgentRow[]): Promise<Map<string, Readiness>> {
  const out = new Map<string, Readiness>();
  if (!rows.length) return out;
  const ids = rows.map((r) => r.id);
  const scopes = new Map(
    (
      await tx
        .select()
        .from(agentKnowledgeBase)
        .where(and(eq(agentKnowledgeBase.workspaceId, workspaceId), inArray(agentKnowledgeBase.agentId, ids)))
    ).map((s) => [s.agentId, s]),
  );
  const channels = new Map(
    (
      await tx
        .select()
        .from(agentChannels)
        .where(and(eq(agentChannels.workspaceId, workspaceId), inArray(agentChannels.agentId, ids)))
    ).map((c) => [c.agentId, c]),
  );
  const [{ any_active }] = await queryRows<{ any_active: boolean }>(
    tx,
    sql`select exists (select 1 from public.kb_articles where workspace_id = ${workspaceId} and is_active) as any_active`,
  );
  const chosen = [...new Set([...scopes.values()].filter((s) => !s.allCategories).flatMap((s) => s.selectedCategories))];
  const filled = new Set(
    chosen.length
      ? (
          await queryRows<{ id: string }>(
            tx,
            sql`select distinct ac.category_id::text as id
                  from public.kb_article_categories ac
                  join public.kb_articles a on a.id = ac.article_id and a.workspace_id = ac.workspace_id
                 where ac.workspace_id = ${workspaceId} and a.is_active
                   and ac.category_id = any (array(select jsonb_array_elements_text(${JSON.stringify(chosen)}::jsonb)::uuid))`,
          )
        ).map((r) => r.id)
      : [],
  );
  const connected = new Set(
    (
      await queryRows<{ type: string }>(
        tx,
        sql`select integration_type as type from public.integrations where workspace_id = ${workspaceId} and is_connected and is_active`,
      )
    ).map((r) => r.type),
  );
  const configured = new Map<string, boolean>();
  for (const model of new Set(rows.filter((r) => !r.kbOnly).map((r) => r.model))) {
    configured.set(model, await modelConfigured(model, workspaceId));
  }

  for (const agent of rows) {
    const scope = scopes.get(agent.id);
    const knowledgeOk = scope?.allCategories
      ? any_active
      : (scope?.selectedCategories ?? []).some((id) => filled.has(id));
    const knowledgeMessage = knowledgeOk
      ? 'The agent answers from the knowledge base'
      : scope?.allCategories || scope?.selectedCategories.length
        ? 'The chosen knowledge-base categories have no active articles'
        : 'No knowledge-base categories are chosen';
    const modelOk = agent.kbOnly || (configured.get(agent.model) ?? false);
    const label = modelById(agent.model)?.label ?? agent.model;
    const modelMessage = agent.kbOnly
      ? 'Knowledge-base-only mode: answers quote the knowledge base, no model is needed'
      : modelOk
        ? `${label} is configured`
        : `No API key is configured for ${label}: add one in Settings → AI provider or switch to knowledge-base-only answers`;
    const ch = channels.get(agent.id);
    const wanted = ch?.allChannels ? [...connected] : (ch?.channels ?? []).filter((c) => connected.has(c));
    const channelOk = wanted.length > 0;
    const checks: ReadinessCheck[] = [
      { code: 'model', ok: modelOk, blocking: true, message: modelMessage },
      { code: 'knowledge', ok: knowledgeOk, blocking: true, message: knowledgeMessage },
      {
        code: 'channel',
        ok: channelOk,
        blocking: false,
        message: channelOk ? 'A connected channel delivers the answers' : 'No connected channel: the agent answers in the test chat only',
      },
    ];
    out.set(agent.id, {
      ready: checks.every((c) => c.ok || !c.blocking),
      mode: agent.kbOnly ? 'kb_only' : 'model',
      channel: channelOk ? 'connected' : 'test_chat_only',
      checks,
    });
  }
  return out;
}

export async function loadReadiness(tx: Tx, workspaceId: string, agent: AgentRow): Promise<Readiness> {
  return (await readinessOf(tx, workspaceId, [agent])).get(agent.id)!;
}

export async function checkReadiness(actor: WorkspaceActor, agentId: string): Promise<Readiness> {
  assertCan(actor, 'agents.read');
  return withActor(actor, async (tx) => loadReadiness(tx, actor.workspaceId, await requireAgent(tx, actor, agentId)));
}

/** Switching an agent on that cannot answer: 409 agent_not_ready naming the failing checks. */
export function assertReady(readiness: Readiness): void {
  if (readiness.ready) return;
  const failing = readiness.checks.filter((c) => c.blocking && !c.ok);
  throw new AppError(409, 'agent_not_ready', `The agent cannot answer yet: ${failing.map((c) => c.message).join('; ')}`, {
    checks: failing,
  });
}
