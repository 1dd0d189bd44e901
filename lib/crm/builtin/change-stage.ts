// Moves a deal to another stage of its own pipeline (a stage of another pipeline is a 400
// naming stage_id). Writes `stage_changed` {old_stage, new_stage, old_stage_id, new_stage_id,
// price} with the actor's source, and one audit row.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { conversations, pipelineStages } from '@/lib/db/schema/crm';
import { recordChange } from '@/lib/crm/record-event';
import { invalidRef } from '@/lib/crm/activity-refs';
import type { CrmDealRef } from '@/lib/crm/adapter';
import { requireDeal } from './read-record';

export const dealRef = (d: typeof conversations.$inferSelect): CrmDealRef => ({
  id: d.id,
  client_id: d.clientId,
  pipeline_id: d.pipelineId,
  stage_id: d.stageId,
  status: d.status,
});

export async function changeDealStage(tx: Tx, actor: WorkspaceActor, dealId: string, stageId: string): Promise<CrmDealRef> {
  const ws = actor.workspaceId;
  const deal = await requireDeal(tx, ws, dealId);
  const stageOf = async (id: string) =>
    (await tx.select().from(pipelineStages).where(and(eq(pipelineStages.id, id), eq(pipelineStages.workspaceId, ws))))[0];
  const stage = /^[0-9a-f-]{36}$/i.test(stageId) ? await stageOf(stageId) : undefined;
  if (!stage) throw invalidRef('stage_id', 'No such stage in this workspace');
  if (deal.pipelineId && stage.pipelineId !== deal.pipelineId) {
    throw invalidRef('stage_id', "The stage belongs to another pipeline than the deal's", 'stage_of_other_pipeline');
  }
  if (deal.stageId === stage.id) return dealRef(deal);
  const old = deal.stageId ? await stageOf(deal.stageId) : undefined;
  const [row] = await tx
    .update(conversations)
    .set({
      stageId: stage.id,
      pipelineId: stage.pipelineId,
      stageChangedAt: sql`now()`,
      version: sql`${conversations.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(conversations.id, dealId), eq(conversations.workspaceId, ws)))
    .returning();
  await recordChange(tx, actor, {
    type: 'stage_changed',
    conversationId: dealId,
    clientId: deal.clientId,
    field: 'stage_id',
    oldValue: deal.stageId,
    newValue: stage.id,
    extra: { old_stage: old?.code ?? null, new_stage: stage.code, old_stage_id: deal.stageId, new_stage_id: stage.id, price: deal.price },
  });
  await recordAudit(tx, actor, {
    action: 'update_conversation',
    entityType: 'conversation',
    entityId: dealId,
    oldValues: { stage_id: deal.stageId },
    newValues: { stage_id: stage.id },
  });
  return dealRef(row);
}
