// Reading conversations (= dialogs = deals) as the API presents them: one query for any set
// of ids with the client, stage, responsible, agent and the last message (a lateral join on
// messages_conversation_idx), and the shared filters of the list and the board.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows, type WorkspaceActor } from '@/lib/db/actor';
import { notFound } from '@/lib/api/errors';
import type { ConversationFilters } from './schemas';

export interface ConversationRow {
  id: string;
  workspace_id: string;
  client_id: string;
  agent_id: string | null;
  pipeline_id: string | null;
  stage_id: string | null;
  title: string | null;
  description: string | null;
  channel_type: string;
  channel_id: string | null;
  status: 'active' | 'paused' | 'closed';
  paused_by: string | null;
  paused_at: Date | string | null;
  pause_reason: string | null;
  price: string | number | null;
  currency: string | null;
  tags: string[];
  responsible_user_id: string | null;
  context: Record<string, unknown>;
  custom_fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  unread_count: number;
  messages_count: number;
  first_message_at: Date | string | null;
  last_message_at: Date | string;
  stage_changed_at: Date | string | null;
  closed_at: Date | string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  client_name: string;
  client_phone: string | null;
  client_avatar_url: string | null;
  stage_code: string | null;
  stage_name: string | null;
  stage_color: string | null;
  stage_kind: string | null;
  agent_name: string | null;
  responsible_name: string | null;
  lm_direction: string | null;
  lm_content: string | null;
  lm_created_at: Date | string | null;
}

export const iso = (v: Date | string | null | undefined): string | null => (v == null ? null : new Date(v).toISOString());
export const num = (v: string | number | null | undefined): number | null => (v == null ? null : Number(v));

/** `array[$1, $2, …]::<type>[]` for a list of values (drizzle would spread a JS array into a list). */
export function sqlArray(values: readonly string[], type: 'uuid' | 'text'): SQL {
  if (!values.length) return sql.raw(`array[]::${type}[]`);
  return sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::${sql.raw(type)}[]`;
}

/** Conversations of the workspace with these ids, presented, in the order of `ids`. */
export async function loadConversations(tx: Tx, workspaceId: string, ids: string[]): Promise<ConversationRow[]> {
  if (!ids.length) return [];
  const rows = await queryRows<ConversationRow>(
    tx,
    sql`
      select c.*, cl.name as client_name, cl.phone as client_phone, cl.avatar_url as client_avatar_url,
        s.code as stage_code, s.name as stage_name, s.color as stage_color, s.kind as stage_kind,
        a.name as agent_name,
        coalesce(nullif(btrim(u.full_name), ''), split_part(u.email, '@', 1)) as responsible_name,
        lm.direction as lm_direction, lm.content as lm_content, lm.created_at as lm_created_at
      from public.conversations c
      join public.clients cl on cl.id = c.client_id and cl.workspace_id = c.workspace_id
      left join public.pipeline_stages s on s.id = c.stage_id
      left join public.agents a on a.id = c.agent_id
      left join public.users u on u.id = c.responsible_user_id
      left join lateral (
        select m.direction, left(m.content, 300) as content, m.created_at
        from public.messages m
        where m.conversation_id = c.id
        order by m.created_at desc, m.id desc
        limit 1
      ) lm on true
      where c.workspace_id = ${workspaceId} and c.id = any(${sqlArray(ids, 'uuid')})`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ConversationRow => !!r);
}

/** ConversationListItem of docs/crm-api.md. */
export function presentListItem(r: ConversationRow) {
  return {
    id: r.id,
    title: r.title,
    client: { id: r.client_id, name: r.client_name, phone: r.client_phone, avatar_url: r.client_avatar_url },
    channel: r.channel_type,
    status: r.status,
    pipeline_id: r.pipeline_id,
    stage: r.stage_id ? { id: r.stage_id, code: r.stage_code!, name: r.stage_name!, color: r.stage_color!, kind: r.stage_kind! } : null,
    price: num(r.price),
    currency: r.currency,
    tags: r.tags ?? [],
    responsible: r.responsible_user_id ? { id: r.responsible_user_id, name: r.responsible_name ?? '' } : null,
    agent: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? '' } : null,
    context: r.context ?? {},
    unread_count: r.unread_count,
    messages_count: r.messages_count,
    last_message: r.lm_created_at ? { direction: r.lm_direction, content: r.lm_content ?? '', created_at: iso(r.lm_created_at) } : null,
    last_message_at: iso(r.last_message_at),
    created_at: iso(r.created_at),
    version: r.version,
  };
}
export type ConversationListItem = ReturnType<typeof presentListItem>;

/** Conversation of docs/crm-api.md (the list item and the rest of the record). */
export function presentConversation(r: ConversationRow) {
  return {
    ...presentListItem(r),
    description: r.description,
    custom_fields: r.custom_fields ?? {},
    metadata: r.metadata ?? {},
    channel_id: r.channel_id,
    paused_by: r.paused_by,
    paused_at: iso(r.paused_at),
    pause_reason: r.pause_reason,
    closed_at: iso(r.closed_at),
    stage_changed_at: iso(r.stage_changed_at),
    first_message_at: iso(r.first_message_at),
    updated_at: iso(r.updated_at),
  };
}
export type Conversation = ReturnType<typeof presentConversation>;

export async function requireConversationRow(tx: Tx, actor: WorkspaceActor, id: string): Promise<ConversationRow> {
  const [row] = await loadConversations(tx, actor.workspaceId, [id]);
  if (!row) throw notFound('Conversation');
  return row;
}

/** Words of a search as a prefix tsquery (`word:* & word:*`), or null when it has none. */
export function prefixQuery(search: string | undefined): string | null {
  const words = (search ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w.slice(0, 60)}:*`).join(' & ') : null;
}

/** Above this many matching messages a search walks the dialogs instead of collecting them. */
export const MESSAGE_HITS_CAP = 3000;

/** The WHERE conditions of the list and board filters, on `public.conversations c`. */
export async function conversationConditions(tx: Tx, actor: WorkspaceActor, q: ConversationFilters & { stage_id?: string }): Promise<SQL[]> {
  const ws = actor.workspaceId;
  const w: SQL[] = [sql`c.workspace_id = ${ws}`];
  if (q.status) w.push(sql`c.status = ${q.status}`);
  if (q.agent_id) w.push(sql`c.agent_id = ${q.agent_id}`);
  // Test chat conversations stay out of production lists unless asked for (issue 8).
  if (q.channel_type) w.push(sql`c.channel_type = ${q.channel_type}`);
  else w.push(sql`c.channel_type <> 'test'`);
  if (q.pipeline_id) w.push(sql`c.pipeline_id = ${q.pipeline_id}`);
  if (q.stage_id) w.push(sql`c.stage_id = ${q.stage_id}`);
  if (q.client_id) w.push(sql`c.client_id = ${q.client_id}`);
  if (q.date_from) w.push(sql`c.created_at >= ${q.date_from}::timestamptz`);
  if (q.date_to) {
    // A bare date includes that whole day.
    w.push(/^\d{4}-\d{2}-\d{2}$/.test(q.date_to) ? sql`c.created_at < ${q.date_to}::date + 1` : sql`c.created_at <= ${q.date_to}::timestamptz`);
  }
  if (q.responsible === 'none') w.push(sql`c.responsible_user_id is null`);
  else if (q.responsible === 'me') w.push(actor.kind === 'user' ? sql`c.responsible_user_id = ${actor.userId}` : sql`false`);
  else if (q.responsible) w.push(sql`c.responsible_user_id = ${q.responsible}`);
  if (q.tag?.length) w.push(sql`c.tags @> ${sqlArray(q.tag, 'text')}`);
  if (q.price_min !== undefined) w.push(sql`c.price >= ${q.price_min}`);
  if (q.price_max !== undefined) w.push(sql`c.price <= ${q.price_max}`);
  if (q.unread === true) w.push(sql`c.unread_count > 0`);
  else if (q.unread === false) w.push(sql`c.unread_count = 0`);
  if (q.needs_human === true) w.push(sql`c.needs_human_since is not null`);
  else if (q.needs_human === false) w.push(sql`c.needs_human_since is null`);
  const tsq = prefixQuery(q.search || q.q);
  if (tsq) {
    // The GIN indexes (client names, message text) are read through security definer functions:
    // under RLS the planner would not use them (migration 20261128000400). A rare term: the
    // matching dialogs' ids, then the page is cut from them. A common one (more than
    // MESSAGE_HITS_CAP messages): walk the dialogs in list order, test each one's messages
    // (messages_conversation_idx) and stop at the page. `offset 0` keeps the planner from turning
    // the EXISTS into one hashed scan of every message of the workspace.
    const query = sql`to_tsquery('simple', ${tsq})`;
    const [{ hits }] = await queryRows<{ hits: number }>(tx, sql`select app.crm_message_hits(${ws}::uuid, ${query}, ${MESSAGE_HITS_CAP}) as hits`);
    if (hits < MESSAGE_HITS_CAP) {
      w.push(sql`c.id in (select app.crm_search_conversation_ids(${ws}::uuid, ${query}))`);
    } else {
      w.push(sql`(c.client_id in (select app.client_search_ids(${ws}::uuid, ${query}))
        or exists (select 1 from public.messages m
                   where m.conversation_id = c.id and m.workspace_id = ${ws} and to_tsvector('simple', m.content) @@ ${query}
                   offset 0))`);
    }
  }
  return w;
}
