// Pipelines with their ordered stages, how many deals each holds and which agents use it
// (agent_pipelines.pipeline_id holds the pipeline's id as text).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { agentPipelines, agents } from '@/lib/db/schema/agents';
import { conversations, pipelineStages, pipelines } from '@/lib/db/schema/crm';

export type StageRow = typeof pipelineStages.$inferSelect;
export type PipelineRow = typeof pipelines.$inferSelect;

export function presentStage(s: StageRow) {
  return { id: s.id, pipeline_id: s.pipelineId, code: s.code, name: s.name, color: s.color, kind: s.kind, order_index: s.orderIndex };
}
export type Stage = ReturnType<typeof presentStage>;

export async function loadStages(tx: Tx, workspaceId: string, pipelineIds: string[]): Promise<StageRow[]> {
  if (!pipelineIds.length) return [];
  return tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), inArray(pipelineStages.pipelineId, pipelineIds)))
    .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt));
}

/** Agents of the workspace whose pipeline settings name one of these pipelines. */
export async function agentsUsing(tx: Tx, workspaceId: string, pipelineIds: string[]) {
  if (!pipelineIds.length) return [];
  return tx
    .selectDistinct({ pipelineId: agentPipelines.pipelineId, id: agents.id, name: agents.name })
    .from(agentPipelines)
    .innerJoin(agents, and(eq(agents.id, agentPipelines.agentId), eq(agents.workspaceId, agentPipelines.workspaceId)))
    .where(and(eq(agentPipelines.workspaceId, workspaceId), inArray(agentPipelines.pipelineId, pipelineIds)))
    .orderBy(asc(agents.name));
}

/** The presented pipelines, in order; `ids` limits them (unknown ids are skipped). */
export async function loadPipelines(tx: Tx, workspaceId: string, ids?: string[]) {
  if (ids && !ids.length) return [];
  const where = ids ? and(eq(pipelines.workspaceId, workspaceId), inArray(pipelines.id, ids)) : eq(pipelines.workspaceId, workspaceId);
  const rows = await tx.select().from(pipelines).where(where).orderBy(asc(pipelines.orderIndex), asc(pipelines.createdAt));
  const pids = rows.map((p) => p.id);
  const [stages, counts, users] = [
    await loadStages(tx, workspaceId, pids),
    pids.length
      ? await tx
          .select({ pipelineId: conversations.pipelineId, n: sql<number>`count(*)::int` })
          .from(conversations)
          .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.pipelineId, pids)))
          .groupBy(conversations.pipelineId)
      : [],
    await agentsUsing(tx, workspaceId, pids),
  ];
  const count = new Map(counts.map((c) => [c.pipelineId, Number(c.n)]));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    is_default: p.isDefault,
    is_active: p.isActive,
    vertical_code: p.verticalCode,
    order_index: p.orderIndex,
    stages: stages.filter((s) => s.pipelineId === p.id).map(presentStage),
    deals_count: count.get(p.id) ?? 0,
    agents: users.filter((a) => a.pipelineId === p.id).map((a) => ({ id: a.id, name: a.name })),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  }));
}
export type Pipeline = Awaited<ReturnType<typeof loadPipelines>>[number];

export async function requirePipeline(tx: Tx, workspaceId: string, id: string): Promise<PipelineRow> {
  const [row] = await tx.select().from(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
  if (!row) throw notFound('Pipeline');
  return row;
}

export async function loadPipeline(tx: Tx, workspaceId: string, id: string): Promise<Pipeline> {
  const [p] = await loadPipelines(tx, workspaceId, [id]);
  if (!p) throw notFound('Pipeline');
  return p;
}

export async function listPipelines(actor: WorkspaceActor) {
  assertCan(actor, 'crm.read');
  return withActor(actor, (tx) => loadPipelines(tx, actor.workspaceId));
}

export async function getPipeline(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'crm.read');
  return withActor(actor, (tx) => loadPipeline(tx, actor.workspaceId, id));
}
