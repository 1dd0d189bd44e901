// Who holds each conversation (docs/channels-api.md `holder`): the agent, a human until a time,
// paused by whom and why, or nobody; with the pending reply time and "needs a human since".
// One query for any set of ids (the list's page or one dialog).
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows, type WorkspaceActor } from '@/lib/db/actor';
import { iso, sqlArray } from './load-conversations';

export interface Holder {
  kind: 'agent' | 'human' | 'paused' | 'nobody';
  user_id: string | null;
  user_name: string | null;
  until: string | null;
  reason: string | null;
  reply_at: string | null;
  needs_human_since: string | null;
}

interface HolderRow {
  id: string;
  status: string;
  agent_id: string | null;
  paused_by: string | null;
  pause_reason: string | null;
  paused_by_user_id: string | null;
  user_name: string | null;
  resume_at: Date | string | null;
  needs_human_since: Date | string | null;
  reply_at: Date | string | null;
}

export async function conversationHolders(tx: Tx, actor: WorkspaceActor, ids: string[]): Promise<Map<string, Holder>> {
  const out = new Map<string, Holder>();
  if (!ids.length) return out;
  const rows = await queryRows<HolderRow>(
    tx,
    sql`select c.id, c.status, c.agent_id, c.paused_by, c.pause_reason, c.paused_by_user_id, c.resume_at, c.needs_human_since,
          coalesce(nullif(btrim(u.full_name), ''), split_part(u.email, '@', 1)) as user_name,
          (select min(d.due_at) from public.due_work d
            where d.workspace_id = c.workspace_id and d.kind = 'conversation.reply' and d.subject = 'conversation:' || c.id::text
              and d.state = 'pending') as reply_at
        from public.conversations c
        left join public.users u on u.id = c.paused_by_user_id
        where c.workspace_id = ${actor.workspaceId} and c.id = any(${sqlArray(ids, 'uuid')})`,
  );
  for (const r of rows) {
    const base = { user_id: null, user_name: null, until: null, reason: null, reply_at: null, needs_human_since: iso(r.needs_human_since) };
    let h: Holder;
    if (r.status === 'paused' && r.paused_by === 'human' && r.paused_by_user_id && !r.pause_reason) {
      h = { ...base, kind: 'human', user_id: r.paused_by_user_id, user_name: r.user_name, until: iso(r.resume_at) };
    } else if (r.status === 'paused') {
      h = { ...base, kind: 'paused', user_id: r.paused_by_user_id, user_name: r.user_name, until: iso(r.resume_at), reason: r.pause_reason };
    } else if (r.status === 'active' && r.agent_id) {
      h = { ...base, kind: 'agent', reply_at: iso(r.reply_at) };
    } else h = { ...base, kind: 'nobody' };
    out.set(r.id, h);
  }
  return out;
}
