// Pipelines with their ordered stages, as the adapter hands them to agents.
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { pipelineStages, pipelines } from '@/lib/db/schema/crm';
import type { CrmPipeline } from '@/lib/crm/adapter';

export async function loadPipelines(tx: Tx, workspaceId: string): Promise<CrmPipeline[]> {
  const ps = await tx
    .select()
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
    .orderBy(asc(pipelines.orderIndex), asc(pipelines.createdAt));
  const stages = await tx
    .select()
    .from(pipelineStages)
    .where(eq(pipelineStages.workspaceId, workspaceId))
    .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt));
  return ps.map((p) => ({
    id: p.id,
    name: p.name,
    is_default: p.isDefault,
    is_active: p.isActive,
    stages: stages
      .filter((s) => s.pipelineId === p.id)
      .map((s) => ({ id: s.id, code: s.code, name: s.name, color: s.color, kind: s.kind, order_index: s.orderIndex })),
  }));
}
