// A new pipeline: stages given inline, or copied from a vertical template (built-in or the
// workspace's own), or the small default set when neither is given.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { pipelineStages, pipelines } from '@/lib/db/schema/crm';
import { DEFAULT_STAGES } from '@/lib/crm/verticals/built-in';
import { findVertical } from '@/lib/crm/verticals/list-verticals';
import { createPipelineSchema } from './schemas';
import { assignCodes } from './stage-codes';
import { loadPipeline } from './list-pipelines';

export async function assertPipelineNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const [hit] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), sql`lower(${pipelines.name}) = lower(${name})`));
  if (hit && hit.id !== exceptId) {
    throw new AppError(409, 'pipeline_name_taken', `A pipeline named "${name}" already exists`, {
      fields: [{ field: 'name', code: 'pipeline_name_taken', message: 'A pipeline with this name already exists' }],
    });
  }
}

export async function createPipeline(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = createPipelineSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await assertPipelineNameFree(tx, actor.workspaceId, input.name);
    let stages = input.stages;
    if (!stages && input.vertical_code) {
      const vertical = await findVertical(tx, actor.workspaceId, input.vertical_code);
      if (!vertical) throw invalidField('vertical_code', `No vertical with code ${input.vertical_code}`, 'unknown_vertical');
      stages = vertical.stages;
    }
    const list = assignCodes(stages ?? DEFAULT_STAGES.map((s) => ({ ...s })));
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${pipelines.orderIndex}) + 1, 0)::int` })
      .from(pipelines)
      .where(eq(pipelines.workspaceId, actor.workspaceId));
    const [row] = await tx
      .insert(pipelines)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        isActive: input.is_active ?? true,
        verticalCode: input.vertical_code ?? null,
        orderIndex: Number(next),
        createdBy: actorUserId(actor),
      })
      .returning();
    await tx.insert(pipelineStages).values(
      list.map((s, i) => ({ workspaceId: actor.workspaceId, pipelineId: row.id, code: s.code, name: s.name, color: s.color, kind: s.kind, orderIndex: i })),
    );
    const pipeline = await loadPipeline(tx, actor.workspaceId, row.id);
    await recordAudit(tx, actor, {
      action: 'create_pipeline',
      entityType: 'pipeline',
      entityId: row.id,
      newValues: { name: pipeline.name, vertical_code: pipeline.vertical_code, stages: pipeline.stages.map(({ code, name, color, kind }) => ({ code, name, color, kind })) },
    });
    return pipeline;
  });
}
