// Rename, switch on/off, or make a pipeline the default (the old default stops being one in
// the same transaction: the partial unique index allows one default per workspace).
import { and, eq, ne, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { pipelines } from '@/lib/db/schema/crm';
import { updatePipelineSchema } from './schemas';
import { loadPipeline, requirePipeline } from './list-pipelines';
import { assertPipelineNameFree } from './create-pipeline';

export async function updatePipeline(actor: WorkspaceActor, id: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = updatePipelineSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const before = await requirePipeline(tx, actor.workspaceId, id);
    if (input.is_default === false && before.isDefault) {
      throw invalidField('is_default', 'A workspace always has a default pipeline: make another one the default instead', 'default_required');
    }
    if (input.name !== undefined && input.name !== before.name) await assertPipelineNameFree(tx, actor.workspaceId, input.name, id);
    if (input.is_default && !before.isDefault) {
      await tx
        .update(pipelines)
        .set({ isDefault: false, updatedAt: sql`now()` })
        .where(and(eq(pipelines.workspaceId, actor.workspaceId), eq(pipelines.isDefault, true), ne(pipelines.id, id)));
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
      ...(input.is_default ? { isDefault: true } : {}),
      ...(input.order_index !== undefined ? { orderIndex: input.order_index } : {}),
    };
    if (Object.keys(patch).length) {
      await tx.update(pipelines).set({ ...patch, updatedAt: sql`now()` }).where(and(eq(pipelines.workspaceId, actor.workspaceId), eq(pipelines.id, id)));
      await recordAudit(tx, actor, {
        action: 'update_pipeline',
        entityType: 'pipeline',
        entityId: id,
        oldValues: { name: before.name, is_active: before.isActive, is_default: before.isDefault, order_index: before.orderIndex },
        newValues: input,
      });
    }
    return loadPipeline(tx, actor.workspaceId, id);
  });
}
