// The client list: search (name word prefixes through the GIN index on search_text, a phone in
// any format, an email, a channel id), filters, keyset pagination on (created_at desc, id desc)
// with an opaque cursor, and the dialog counts of the page in one grouped query.
import { sql, type SQL } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import type { Tx } from '@/lib/db/client';
import { withActor, queryRows, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { normalizePhone, phoneDigits } from '@/lib/crm/normalize-phone';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { userNames, userRef, type NameMap } from '@/lib/crm/present';
import { listClientsQuery, invalidField, type ListClientsQuery } from './schemas';

export type ClientFilters = Omit<ListClientsQuery, 'cursor' | 'limit'>;

/** Words of a search as a prefix tsquery (`ivan:* & pet:*`), or null when it has none. */
export function prefixQuery(search: string): string | null {
  const words = search
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** The WHERE of the list and the export (alias `c` for clients). */
export function clientFilterSql(actor: WorkspaceActor, q: ClientFilters, region: CountryCode): SQL {
  const parts: SQL[] = [sql`c.workspace_id = ${actor.workspaceId}`];
  if (q.status) parts.push(sql`c.status = ${q.status}`);
  if (q.type) parts.push(sql`c.client_type = ${q.type}`);
  if (q.responsible === 'none') parts.push(sql`c.responsible_user_id is null`);
  else if (q.responsible === 'me') {
    parts.push(actor.kind === 'user' ? sql`c.responsible_user_id = ${actor.userId}` : sql`false`);
  } else if (q.responsible) parts.push(sql`c.responsible_user_id = ${q.responsible}`);
  if (q.has_active_dialogs !== undefined) {
    const exists = sql`exists (select 1 from public.conversations cv left join public.pipeline_stages s on s.id = cv.stage_id
      where cv.client_id = c.id and cv.workspace_id = c.workspace_id and cv.channel_type <> 'test' and cv.status <> 'closed' and coalesce(s.kind, 'open') = 'open')`;
    parts.push(q.has_active_dialogs ? exists : sql`not ${exists}`);
  }
  const search = q.search?.trim();
  if (search) {
    // Each way of matching is its own indexed lookup; the client qualifies through any of them.
    const ws = actor.workspaceId;
    const any: SQL[] = [];
    const words = prefixQuery(search);
    // Through a function: under RLS the planner would not use the GIN index for `@@`
    // (supabase/migrations/20261128000200_client_search.sql).
    if (words) any.push(sql`select app.client_search_ids(${ws}::uuid, to_tsquery('simple', ${words}))`);
    const phone = normalizePhone(search, region);
    if (phone) any.push(sql`select id from public.clients where workspace_id = ${ws} and phone = ${phone}`);
    else {
      const digits = phoneDigits(search);
      if (digits) any.push(sql`select id from public.clients where workspace_id = ${ws} and phone like ${`%${digits}%`}`);
    }
    if (search.includes('@')) any.push(sql`select id from public.clients where workspace_id = ${ws} and email = ${search.toLowerCase()}`);
    any.push(sql`select client_id from public.client_channels where workspace_id = ${ws} and external_id = ${search}`);
    parts.push(sql`c.id in (${sql.join(any, sql` union all `)})`);
  }
  return sql.join(parts, sql` and `);
}

interface Cursor {
  t: string;
  id: string;
}
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.t, c.id])).toString('base64url');
}
export function decodeCursor(raw: string): Cursor {
  try {
    const [t, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    // t: created_at in microseconds since the epoch (exact, unlike a JS Date).
    if (typeof t !== 'string' || !/^-?\d{1,17}$/.test(t) || typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error();
    return { t, id };
  } catch {
    throw invalidField('cursor', 'The cursor is not one this list gave out', 'invalid_cursor');
  }
}

export interface ClientListRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  status: 'active' | 'inactive';
  client_type: 'new' | 'regular' | 'inactive';
  responsible_user_id: string | null;
  last_contact_at: Date | string | null;
  created_at: Date | string;
  cursor_t: string;
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** Dialog counts and channel types of the given clients: one grouped query each. */
export async function listExtras(tx: Tx, workspaceId: string, ids: string[]) {
  const counts = new Map<string, { active: number; total: number }>();
  const channels = new Map<string, string[]>();
  if (!ids.length) return { counts, channels };
  const idList = sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
  const rows = await queryRows<{ client_id: string; active: number; total: number }>(
    tx,
    sql`select cv.client_id,
          (count(*) filter (where cv.status <> 'closed' and coalesce(s.kind, 'open') = 'open'))::int as active,
          count(*)::int as total
        from public.conversations cv left join public.pipeline_stages s on s.id = cv.stage_id
        where cv.workspace_id = ${workspaceId} and cv.client_id = any(${idList}) and cv.channel_type <> 'test'
        group by cv.client_id`,
  );
  for (const r of rows) counts.set(r.client_id, { active: r.active, total: r.total });
  const chans = await queryRows<{ client_id: string; types: string[] }>(
    tx,
    sql`select client_id, array_agg(distinct channel_type order by channel_type) as types
        from public.client_channels where workspace_id = ${workspaceId} and client_id = any(${idList}) group by client_id`,
  );
  for (const r of chans) channels.set(r.client_id, r.types);
  return { counts, channels };
}

export function presentListItem(r: ClientListRow, names: NameMap, extras: Awaited<ReturnType<typeof listExtras>>) {
  const n = extras.counts.get(r.id);
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    status: r.status,
    type: r.client_type,
    responsible: userRef(names, r.responsible_user_id),
    channels: extras.channels.get(r.id) ?? [],
    active_dialogs_count: n?.active ?? 0,
    total_dialogs_count: n?.total ?? 0,
    last_contact_at: iso(r.last_contact_at),
    created_at: iso(r.created_at)!,
  };
}
export type ClientListItem = ReturnType<typeof presentListItem>;

/** One page of rows (limit + 1 fetched to know whether another page exists). */
export async function selectClientPage(tx: Tx, where: SQL, limit: number, after?: Cursor): Promise<ClientListRow[]> {
  const keyset = after
    ? sql` and (c.created_at, c.id) < (timestamptz 'epoch' + ${after.t}::bigint * interval '1 microsecond', ${after.id}::uuid)`
    : sql``;
  return queryRows<ClientListRow>(
    tx,
    sql`select c.id, c.name, c.phone, c.email, c.status, c.client_type, c.responsible_user_id, c.last_contact_at, c.created_at,
          (extract(epoch from c.created_at) * 1000000)::bigint::text as cursor_t
        from public.clients c
        where ${where}${keyset}
        order by c.created_at desc, c.id desc
        limit ${limit}`,
  );
}

export async function listClients(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.read');
  const q = listClientsQuery.parse(raw);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  return withActor(actor, async (tx) => {
    const region = await workspaceRegion(tx, actor.workspaceId);
    const rows = await selectClientPage(tx, clientFilterSql(actor, q, region), q.limit + 1, after);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const extras = await listExtras(tx, actor.workspaceId, page.map((r) => r.id));
    const names = await userNames(tx, page.map((r) => r.responsible_user_id));
    return {
      data: page.map((r) => presentListItem(r, names, extras)),
      next_cursor: rows.length > q.limit && last ? encodeCursor({ t: last.cursor_t, id: last.id }) : null,
    };
  });
}
