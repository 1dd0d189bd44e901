// Moves every deal (conversation) in some stages to one target stage: a `stage_changed` event
// per deal (old and new stage, source of the actor) and a version bump, so open boards see it.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { sourceOf } from '@/lib/crm/record-event';
import type { StageRow } from './list-pipelines';

export async function moveDeals(tx: Tx, actor: WorkspaceActor, fromStageIds: string[], to: StageRow): Promise<number> {
  if (!fromStageIds.length) return 0;
  const from = sql.join(fromStageIds.map((id) => sql`${id}::uuid`), sql`, `);
  const userId = actor.kind === 'user' ? actor.userId : null;
  await tx.execute(sql`
    insert into public.crm_events (workspace_id, event_type, conversation_id, client_id, source, actor_user_id, payload)
    select c.workspace_id, 'stage_changed', c.id, c.client_id, ${sourceOf(actor)}, ${userId}::uuid,
           jsonb_build_object('old_stage', s.code, 'new_stage', ${to.code}::text, 'old_stage_id', s.id,
                              'new_stage_id', ${to.id}::uuid, 'price', c.price)
      from public.conversations c
      join public.pipeline_stages s on s.id = c.stage_id and s.workspace_id = c.workspace_id
     where c.workspace_id = ${actor.workspaceId} and c.stage_id in (${from})`);
  const moved = await tx.execute(sql`
    update public.conversations
       set pipeline_id = ${to.pipelineId}, stage_id = ${to.id}, stage_changed_at = now(), version = version + 1, updated_at = now()
     where workspace_id = ${actor.workspaceId} and stage_id in (${from})
     returning id`);
  return rowsOf(moved).length;
}

export function rowsOf<T = Record<string, unknown>>(res: unknown): T[] {
  return (Array.isArray(res) ? res : ((res as { rows?: T[] }).rows ?? [])) as T[];
}
