// Reading chain runs (issue 10 API): a chain's runs (filter by status, newest first, keyset pages)
// and a conversation's runs (running first) with the next step — what the editor's "in flight"
// list and the conversation view show. Members of the workspace read them.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { getChain } from '@/lib/agents/manage-chains';
import { CHAIN_RUN_STATUSES } from '@/lib/db/schema/chains';

export interface ChainRun {
  id: string;
  chain_id: string;
  chain_name: string;
  chain_version: number;
  conversation_id: string;
  client_id: string | null;
  status: string;
  stop_reason: string | null;
  current_step: number;
  steps_total: number;
  next_due_at: string | null;
  /** The step that goes out next (running runs): its index and actions as the run started. */
  next_step: { index: number; due_at: string | null; actions: { action_type: string; instruction: string }[] } | null;
  started_at: string;
  finished_at: string | null;
}

interface Row {
  id: string;
  chain_id: string;
  chain_version: number;
  conversation_id: string;
  client_id: string | null;
  status: string;
  stop_reason: string | null;
  current_step: number;
  next_due_at: Date | string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  snapshot: { name?: string; steps?: { actions?: { action_type: string; instruction: string }[] }[] };
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function present(r: Row): ChainRun {
  const steps = r.snapshot.steps ?? [];
  const next = r.status === 'running' ? steps[r.current_step] : undefined;
  return {
    id: r.id,
    chain_id: r.chain_id,
    chain_name: r.snapshot.name ?? '',
    chain_version: r.chain_version,
    conversation_id: r.conversation_id,
    client_id: r.client_id,
    status: r.status,
    stop_reason: r.stop_reason,
    current_step: r.current_step,
    steps_total: steps.length,
    next_due_at: iso(r.next_due_at),
    next_step: next
      ? { index: r.current_step, due_at: iso(r.next_due_at), actions: (next.actions ?? []).map((a) => ({ action_type: a.action_type, instruction: a.instruction })) }
      : null,
    started_at: iso(r.started_at)!,
    finished_at: iso(r.finished_at),
  };
}

const COLUMNS = sql`id, chain_id, chain_version, conversation_id, client_id, status, stop_reason, current_step, next_due_at, started_at, finished_at, snapshot`;

export const listRunsQuerySchema = z
  .object({
    status: z.enum(CHAIN_RUN_STATUSES, { error: `status must be one of ${CHAIN_RUN_STATUSES.join(', ')}` }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().regex(/^\d+$/, 'cursor is the started_at of the last row, in ms').optional(),
  })
  .strict();

export async function listChainRuns(actor: WorkspaceActor, agentId: string, chainId: string, raw: unknown) {
  assertCan(actor, 'agents.read');
  const q = listRunsQuerySchema.parse(raw);
  await getChain(actor, agentId, chainId); // 404 for another workspace's or agent's chain
  return withActor(actor, async (tx) => {
    const where = [sql`workspace_id = ${actor.workspaceId}::uuid`, sql`chain_id = ${chainId}::uuid`];
    if (q.status) where.push(sql`status = ${q.status}`);
    if (q.cursor) where.push(sql`started_at < to_timestamp(${Number(q.cursor)} / 1000.0)`);
    const rows = await queryRows<Row>(
      tx,
      sql`select ${COLUMNS} from public.chain_runs where ${sql.join(where, sql` and `)} order by started_at desc, id desc limit ${q.limit + 1}`,
    );
    const page = rows.slice(0, q.limit).map(present);
    const last = rows.length > q.limit ? rows[q.limit - 1] : null;
    return { data: page, next_cursor: last ? String(new Date(last.started_at).getTime()) : null };
  });
}

export async function listConversationRuns(actor: WorkspaceActor, conversationId: string) {
  assertCan(actor, 'conversations.read');
  return withActor(actor, async (tx) => {
    const [conv] = await queryRows<{ id: string }>(
      tx,
      sql`select id from public.conversations where id = ${conversationId}::uuid and workspace_id = ${actor.workspaceId}::uuid`,
    );
    if (!conv) throw notFound('Conversation');
    const rows = await queryRows<Row>(
      tx,
      sql`select ${COLUMNS} from public.chain_runs where workspace_id = ${actor.workspaceId}::uuid and conversation_id = ${conversationId}::uuid
          order by (status = 'running') desc, started_at desc limit 50`,
    );
    return { data: rows.map(present) };
  });
}
