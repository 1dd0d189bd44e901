// Which CRM pipelines and stages an agent works in, with an instruction per stage.
// PUT replaces the whole set.
import { and, asc, eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentPipelines } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { loadCrmChoices } from '@/lib/crm/list-crm-choices';
import { resolvePipelineRefs } from './crm-refs';
import { requireAgent } from './load-agent';
import { presentPipeline } from './present-agent';
import { setPipelinesSchema } from './schemas';

export async function loadPipelines(tx: Tx, workspaceId: string, agentId: string) {
  const rows = await tx
    .select()
    .from(agentPipelines)
    .where(and(eq(agentPipelines.agentId, agentId), eq(agentPipelines.workspaceId, workspaceId)))
    .orderBy(asc(agentPipelines.orderIndex), asc(agentPipelines.createdAt));
  return rows.map(presentPipeline);
}

export async function getPipelines(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadPipelines(tx, actor.workspaceId, agentId);
  });
}

export async function setPipelines(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const parsed = setPipelinesSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    // Pipelines and stages are the workspace CRM's (400 naming the unknown one); names default to the CRM's.
    const pipelines = resolvePipelineRefs(await loadCrmChoices(tx, actor.workspaceId), parsed.pipelines);
    const before = await loadPipelines(tx, actor.workspaceId, agentId);
    await tx
      .delete(agentPipelines)
      .where(and(eq(agentPipelines.agentId, agentId), eq(agentPipelines.workspaceId, actor.workspaceId)));
    if (pipelines.length) {
      await tx.insert(agentPipelines).values(
        pipelines.map((p, i) => ({
          workspaceId: actor.workspaceId,
          agentId,
          pipelineId: p.pipeline_id,
          pipelineName: p.pipeline_name,
          isActive: p.is_active,
          allStages: p.all_stages,
          stages: p.stages,
          stageInstructions: p.stage_instructions,
          orderIndex: i,
        })),
      );
    }
    const after = await loadPipelines(tx, actor.workspaceId, agentId);
    await recordAudit(tx, actor, {
      action: 'update_agent_pipelines',
      entityType: 'agent',
      entityId: agentId,
      oldValues: { pipelines: before.map(({ id: _id, created_at: _c, updated_at: _u, ...p }) => p) },
      newValues: { pipelines },
    });
    return after;
  });
}
