// Which knowledge-base categories an agent answers from and what it does when nothing fits.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentKnowledgeBase } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { requireAgent } from './load-agent';
import { presentKnowledgeScope } from './present-agent';
import { invalidField, setKnowledgeScopeSchema } from './schemas';

export async function loadKnowledgeScope(tx: Tx, workspaceId: string, agentId: string) {
  const [row] = await tx
    .select()
    .from(agentKnowledgeBase)
    .where(and(eq(agentKnowledgeBase.agentId, agentId), eq(agentKnowledgeBase.workspaceId, workspaceId)));
  return presentKnowledgeScope(row);
}

export async function getKnowledgeScope(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadKnowledgeScope(tx, actor.workspaceId, agentId);
  });
}

/** The categories live in the knowledge base; an id of another workspace must not be stored. */
async function assertCategoriesExist(tx: Tx, workspaceId: string, ids: string[]) {
  if (!ids.length) return;
  const found = await queryRows<{ id: string }>(
    tx,
    sql`select id::text as id from public.kb_categories where workspace_id = ${workspaceId} and id in ${ids}`,
  );
  const known = new Set(found.map((r) => r.id));
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw invalidField(`selected_categories.${i}`, `category ${ids[i]} does not exist`);
}

export async function setKnowledgeScope(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = setKnowledgeScopeSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    await assertCategoriesExist(tx, actor.workspaceId, input.selected_categories);
    const before = await loadKnowledgeScope(tx, actor.workspaceId, agentId);
    const values = {
      allCategories: input.all_categories,
      selectedCategories: input.selected_categories,
      createTaskIfNoAnswer: input.create_task_if_no_answer,
      noAnswerMessage: input.no_answer_message,
    };
    const [row] = await tx
      .insert(agentKnowledgeBase)
      .values({ workspaceId: actor.workspaceId, agentId, ...values })
      .onConflictDoUpdate({ target: agentKnowledgeBase.agentId, set: { ...values, updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_agent_knowledge_base',
      entityType: 'agent',
      entityId: agentId,
      oldValues: before,
      newValues: input,
    });
    return presentKnowledgeScope(row);
  });
}
