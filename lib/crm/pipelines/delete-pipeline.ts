// Deleting a pipeline: never the default one, never one an agent uses (409 naming the agents),
// and one holding deals only with ?move_to=<a stage of another pipeline> (the deals move there).
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { conversations, pipelineStages, pipelines } from '@/lib/db/schema/crm';
import { agentsUsing, loadStages, requirePipeline } from './list-pipelines';
import { moveDeals } from './move-deals';

export async function deletePipeline(actor: WorkspaceActor, id: string, opts: { moveTo?: string } = {}) {
  assertCan(actor, 'crm.admin');
  await withActor(actor, async (tx) => {
    const pipeline = await requirePipeline(tx, actor.workspaceId, id);
    if (pipeline.isDefault) {
      throw new AppError(409, 'pipeline_is_default', 'The default pipeline cannot be deleted; make another pipeline the default first');
    }
    const users = await agentsUsing(tx, actor.workspaceId, [id]);
    if (users.length) {
      throw new AppError(409, 'pipeline_in_use', `Agents use this pipeline: ${users.map((a) => a.name).join(', ')}`, {
        agents: users.map((a) => ({ id: a.id, name: a.name })),
      });
    }
    const [{ deals }] = await tx
      .select({ deals: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.pipelineId, id)));
    let moved = 0;
    if (Number(deals) > 0) {
      if (!opts.moveTo) {
        throw new AppError(409, 'pipeline_has_deals', `The pipeline holds ${deals} deal(s); say where they go with move_to`, { deals: Number(deals) });
      }
      const [target] = await tx
        .select()
        .from(pipelineStages)
        .where(and(eq(pipelineStages.workspaceId, actor.workspaceId), eq(pipelineStages.id, opts.moveTo)));
      if (!target || target.pipelineId === id) {
        throw invalidField('move_to', 'move_to must be a stage of another pipeline of this workspace', 'unknown_stage');
      }
      const stages = await loadStages(tx, actor.workspaceId, [id]);
      moved = await moveDeals(tx, actor, stages.map((s) => s.id), target);
    }
    await tx.delete(pipelines).where(and(eq(pipelines.workspaceId, actor.workspaceId), eq(pipelines.id, id)));
    await recordAudit(tx, actor, {
      action: 'delete_pipeline',
      entityType: 'pipeline',
      entityId: id,
      oldValues: { name: pipeline.name, vertical_code: pipeline.verticalCode },
      newValues: moved ? { moved_deals: moved, move_to: opts.moveTo } : undefined,
    });
  });
}
