// PUT /api/pipelines/:id/stages: the ordered full list replaces the stages. Stages with an id are
// kept (renamed, recoloured, reordered), stages without one are added, the ones missing are
// removed; deals in a removed stage must be moved (move_to) to a kept stage of the same pipeline.
// The unique (pipeline_id, code) index is never tripped: kept stages pass through temporary codes.
import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { conversations, pipelineStages } from '@/lib/db/schema/crm';
import { replaceStagesSchema } from './schemas';
import { assignCodes } from './stage-codes';
import { loadPipeline, loadStages, presentStage, requirePipeline } from './list-pipelines';
import { moveDeals } from './move-deals';

export async function replaceStages(actor: WorkspaceActor, pipelineId: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = replaceStagesSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requirePipeline(tx, actor.workspaceId, pipelineId);
    const current = await loadStages(tx, actor.workspaceId, [pipelineId]);
    const byId = new Map(current.map((s) => [s.id, s]));
    input.stages.forEach((s, i) => {
      if (s.id && !byId.has(s.id)) throw invalidField(`stages.${i}.id`, 'Not a stage of this pipeline', 'unknown_stage');
    });
    const keptIds = new Set(input.stages.map((s) => s.id).filter((x): x is string => !!x));
    const removed = current.filter((s) => !keptIds.has(s.id));
    if (removed.length) assertCan(actor, 'crm.admin');

    // Deals in removed stages: each needs a target among the kept stages.
    const counts = removed.length
      ? await tx
          .select({ stageId: conversations.stageId, n: sql<number>`count(*)::int` })
          .from(conversations)
          .where(and(eq(conversations.workspaceId, actor.workspaceId), inArray(conversations.stageId, removed.map((s) => s.id))))
          .groupBy(conversations.stageId)
      : [];
    const dealsIn = new Map(counts.map((c) => [c.stageId, Number(c.n)]));
    const moveTo = input.move_to ?? {};
    for (const [from, to] of Object.entries(moveTo)) {
      if (!removed.some((s) => s.id === from)) throw invalidField(`move_to.${from}`, 'Not a stage this request removes', 'not_removed');
      if (!keptIds.has(to)) throw invalidField(`move_to.${from}`, 'The target must be a stage of this pipeline that stays', 'unknown_stage');
    }
    const unmapped = removed.filter((s) => (dealsIn.get(s.id) ?? 0) > 0 && !moveTo[s.id]);
    if (unmapped.length) {
      throw new AppError(409, 'stage_has_deals', `Stages with deals are removed: ${unmapped.map((s) => s.name).join(', ')}; say where their deals go with move_to`, {
        stages: unmapped.map((s) => ({ id: s.id, code: s.code, name: s.name, deals: dealsIn.get(s.id) ?? 0 })),
      });
    }
    let moved = 0;
    for (const s of removed) {
      if (!dealsIn.get(s.id)) continue;
      moved += await moveDeals(tx, actor, [s.id], byId.get(moveTo[s.id])!);
    }
    if (removed.length) {
      await tx
        .delete(pipelineStages)
        .where(and(eq(pipelineStages.workspaceId, actor.workspaceId), inArray(pipelineStages.id, removed.map((s) => s.id))));
    }

    // Kept codes may swap: park them on temporary codes first, then write the final values.
    const list = assignCodes(input.stages.map((s) => ({ ...s, code: s.code ?? (s.id ? byId.get(s.id)!.code : undefined) })));
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.code)) throw invalidField(`stages.${i}.code`, `code ${s.code} appears twice`, 'duplicate');
      seen.add(s.code);
    });
    const kept = list.map((s, i) => ({ s, i })).filter(({ s }) => s.id);
    const tag = crypto.randomBytes(4).toString('hex');
    if (kept.length) {
      const rows = sql.join(kept.map(({ s }, n) => sql`(${s.id}::uuid, ${`tmp_${tag}_${n}`}::text)`), sql`, `);
      await tx.execute(sql`
        update public.pipeline_stages p set code = v.code
          from (values ${rows}) as v(id, code)
         where p.id = v.id and p.pipeline_id = ${pipelineId} and p.workspace_id = ${actor.workspaceId}`);
      const finals = sql.join(
        kept.map(({ s, i }) => sql`(${s.id}::uuid, ${s.code}::text, ${s.name}::text, ${s.color}::text, ${s.kind}::text, ${i}::int)`),
        sql`, `,
      );
      await tx.execute(sql`
        update public.pipeline_stages p
           set code = v.code, name = v.name, color = v.color, kind = v.kind, order_index = v.idx, updated_at = now()
          from (values ${finals}) as v(id, code, name, color, kind, idx)
         where p.id = v.id and p.pipeline_id = ${pipelineId} and p.workspace_id = ${actor.workspaceId}`);
    }
    const added = list.map((s, i) => ({ s, i })).filter(({ s }) => !s.id);
    if (added.length) {
      await tx.insert(pipelineStages).values(
        added.map(({ s, i }) => ({ workspaceId: actor.workspaceId, pipelineId, code: s.code, name: s.name, color: s.color, kind: s.kind, orderIndex: i })),
      );
    }
    const pipeline = await loadPipeline(tx, actor.workspaceId, pipelineId);
    await recordAudit(tx, actor, {
      action: 'replace_stages',
      entityType: 'pipeline',
      entityId: pipelineId,
      oldValues: { stages: current.map(presentStage) },
      newValues: { stages: pipeline.stages, ...(moved ? { moved_deals: moved, move_to: moveTo } : {}) },
    });
    return pipeline;
  });
}
