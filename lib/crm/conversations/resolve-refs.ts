// The ids a conversation body names, checked against the actor's workspace: a pipeline, a
// stage of that pipeline, a member as the responsible. Anything else is a 400 naming the field.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { memberships } from '@/lib/db/schema/core';
import { pipelines, pipelineStages } from '@/lib/db/schema/crm';
import { invalidField } from './schemas';

export type StageRow = typeof pipelineStages.$inferSelect;

/** Resolves {pipeline_id?, stage_id?} to a pipeline and one of its stages (defaults: the default pipeline, its first stage). */
export async function resolveStage(
  tx: Tx,
  workspaceId: string,
  input: { pipeline_id?: string; stage_id?: string },
): Promise<{ pipelineId: string; stage: StageRow }> {
  let pipelineId = input.pipeline_id;
  if (pipelineId) {
    const [p] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, pipelineId)));
    if (!p) throw invalidField('pipeline_id', 'No pipeline with this id in the workspace', 'unknown_pipeline');
  }
  if (input.stage_id) {
    const [s] = await tx
      .select()
      .from(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, input.stage_id)));
    if (!s) throw invalidField('stage_id', 'No stage with this id in the workspace', 'unknown_stage');
    if (pipelineId && s.pipelineId !== pipelineId) throw invalidField('stage_id', 'The stage belongs to another pipeline', 'stage_not_in_pipeline');
    return { pipelineId: s.pipelineId, stage: s };
  }
  if (!pipelineId) {
    const [p] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(eq(pipelines.workspaceId, workspaceId))
      .orderBy(desc(pipelines.isDefault), asc(pipelines.orderIndex), asc(pipelines.createdAt))
      .limit(1);
    if (!p) throw invalidField('pipeline_id', 'The workspace has no pipeline; create one first', 'no_pipeline');
    pipelineId = p.id;
  }
  const [first] = await tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, pipelineId)))
    .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt))
    .limit(1);
  if (!first) throw invalidField('pipeline_id', 'The pipeline has no stages', 'pipeline_without_stages');
  return { pipelineId, stage: first };
}

/** A member of the workspace, or a 400 on `field`. */
export async function assertMember(tx: Tx, workspaceId: string, userId: string, field = 'responsible_user_id'): Promise<void> {
  const [m] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw invalidField(field, 'Not a member of this workspace', 'not_a_member');
}
