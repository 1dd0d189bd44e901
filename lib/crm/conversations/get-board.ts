// GET /api/conversations/board: per stage of one pipeline the first `per_stage` deals by
// last_message_at, the stage's total count and total price (one lateral query per stage on
// conversations_board_idx), then one query presents every deal on the board.
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { pipelines, pipelineStages } from '@/lib/db/schema/crm';
import { encodeCursor, tsKey } from './cursor';
import { conversationConditions, loadConversations, presentListItem } from './load-conversations';
import { boardQuery, type BoardQuery } from './schemas';

const iso = (d: Date) => d.toISOString();

export async function getBoard(actor: WorkspaceActor, raw: BoardQuery = {}) {
  assertCan(actor, 'conversations.read');
  const q = boardQuery.parse(raw);
  return withActor(actor, async (tx) => {
    const [pipeline] = await tx
      .select()
      .from(pipelines)
      .where(
        q.pipeline_id
          ? and(eq(pipelines.workspaceId, actor.workspaceId), eq(pipelines.id, q.pipeline_id))
          : and(eq(pipelines.workspaceId, actor.workspaceId), eq(pipelines.isDefault, true)),
      )
      .limit(1);
    if (!pipeline) throw notFound('Pipeline');
    const stages = await tx
      .select()
      .from(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, actor.workspaceId), eq(pipelineStages.pipelineId, pipeline.id)))
      .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt));
    const where = conversationConditions(actor, { ...q, pipeline_id: pipeline.id });
    const cols = await queryRows<{ stage_id: string; total: number; total_price: string | number | null; deals: { id: string; k: string }[] | null }>(
      tx,
      sql`
        select s.id as stage_id, t.total, t.total_price, d.deals
        from public.pipeline_stages s
        cross join lateral (
          select count(*)::int as total, coalesce(sum(c.price), 0) as total_price
          from public.conversations c where ${sql.join(where, sql` and `)} and c.stage_id = s.id
        ) t
        cross join lateral (
          select json_agg(json_build_object('id', p.id, 'k', p.k) order by p.last_message_at desc, p.id desc) as deals
          from (
            select c.id, c.last_message_at, ${tsKey(sql`c.last_message_at`)} as k
            from public.conversations c where ${sql.join(where, sql` and `)} and c.stage_id = s.id
            order by c.last_message_at desc, c.id desc
            limit ${q.per_stage + 1}
          ) p
        ) d
        where s.workspace_id = ${actor.workspaceId} and s.pipeline_id = ${pipeline.id}`,
    );
    const byStage = new Map(cols.map((c) => [c.stage_id, c]));
    const shown = cols.flatMap((c) => (c.deals ?? []).slice(0, q.per_stage).map((d) => d.id));
    const rows = new Map((await loadConversations(tx, actor.workspaceId, shown)).map((r) => [r.id, r]));
    const agents = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select distinct a.id, a.name from public.agent_pipelines ap join public.agents a on a.id = ap.agent_id
          where ap.workspace_id = ${actor.workspaceId} and ap.pipeline_id = ${pipeline.id} order by a.name`,
    );
    const presentedStages = stages.map((s) => ({
      id: s.id,
      pipeline_id: s.pipelineId,
      code: s.code,
      name: s.name,
      color: s.color,
      kind: s.kind,
      order_index: s.orderIndex,
    }));
    const columns = presentedStages.map((stage) => {
      const col = byStage.get(stage.id);
      const deals = (col?.deals ?? []).slice(0, q.per_stage);
      const more = (col?.deals?.length ?? 0) > q.per_stage;
      const last = deals[deals.length - 1];
      return {
        stage,
        total: col?.total ?? 0,
        total_price: Number(col?.total_price ?? 0),
        deals: deals.map((d) => rows.get(d.id)).filter((r) => !!r).map((r) => presentListItem(r!)),
        // Load more of this column with GET /api/conversations?stage_id=…&cursor=….
        next_cursor: more && last ? encodeCursor({ k: last.k, id: last.id }) : null,
      };
    });
    return {
      pipeline: {
        id: pipeline.id,
        name: pipeline.name,
        is_default: pipeline.isDefault,
        is_active: pipeline.isActive,
        vertical_code: pipeline.verticalCode,
        order_index: pipeline.orderIndex,
        stages: presentedStages,
        deals_count: columns.reduce((n, c) => n + c.total, 0),
        agents,
        created_at: iso(pipeline.createdAt),
        updated_at: iso(pipeline.updatedAt),
      },
      columns,
    };
  });
}
