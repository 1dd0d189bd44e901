// Moves a deal to another stage of its own pipeline (a stage of another pipeline is a 400
// naming stage_id). The move itself is the conversation's own update (lib/crm/conversations/
// update-conversation.ts): version bumped, `stage_changed` {old_stage, new_stage, old_stage_id,
// new_stage_id, price} with the actor's source, and one audit row.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { conversations, pipelineStages } from '@/lib/db/schema/crm';
import { invalidRef } from '@/lib/crm/activity-refs';
import { updateConversation } from '@/lib/crm/conversations/update-conversation';
import type { CrmDealRef } from '@/lib/crm/adapter';
import { requireDeal } from './read-record';

export const dealRef = (d: typeof conversations.$inferSelect): CrmDealRef => ({
  id: d.id,
  client_id: d.clientId,
  pipeline_id: d.pipelineId,
  stage_id: d.stageId,
  status: d.status,
});

/** Runs inside the caller's withActor (tx is its transaction; updateConversation joins it). */
export async function changeDealStage(tx: Tx, actor: WorkspaceActor, dealId: string, stageId: string): Promise<CrmDealRef> {
  const ws = actor.workspaceId;
  const deal = await requireDeal(tx, ws, dealId);
  const [stage] = /^[0-9a-f-]{36}$/i.test(stageId)
    ? await tx.select().from(pipelineStages).where(and(eq(pipelineStages.id, stageId), eq(pipelineStages.workspaceId, ws)))
    : [];
  if (!stage) throw invalidRef('stage_id', 'No such stage in this workspace');
  if (deal.pipelineId && stage.pipelineId !== deal.pipelineId) {
    throw invalidRef('stage_id', "The stage belongs to another pipeline than the deal's", 'stage_of_other_pipeline');
  }
  if (deal.stageId === stage.id) return dealRef(deal);
  await updateConversation(actor, dealId, { stage_id: stage.id, ...(deal.pipelineId ? {} : { pipeline_id: stage.pipelineId }), version: deal.version });
  return dealRef(await requireDeal(tx, ws, dealId));
}
