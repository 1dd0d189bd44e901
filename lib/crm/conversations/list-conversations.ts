// GET /api/conversations: filters of docs/crm-api.md, keyset pages on (sort key, id).
// Step 1 finds the page's ids on the conversations indexes alone; step 2 presents them.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { decodeCursor, encodeCursor, tsKey } from './cursor';
import { conversationConditions, loadConversations, presentListItem } from './load-conversations';
import { describeHolder } from '@/lib/channels/takeover/describe-holder';
import { listConversationsQuery, type ListConversationsQuery } from './schemas';

function sortKey(sort: 'last_message_at' | 'created_at' | 'price'): { expr: SQL; text: SQL; cast: string } {
  if (sort === 'price') return { expr: sql`coalesce(c.price, -1)`, text: sql`coalesce(c.price, -1)::text`, cast: 'numeric' };
  const col = sql.raw(`c.${sort}`);
  return { expr: col, text: tsKey(col), cast: 'timestamptz' };
}

export async function listConversations(actor: WorkspaceActor, raw: ListConversationsQuery = {}) {
  assertCan(actor, 'conversations.read');
  const q = listConversationsQuery.parse(raw);
  const key = sortKey(q.sort);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const dir = sql.raw(q.order);
  return withActor(actor, async (tx) => {
    const where = await conversationConditions(tx, actor, q);
    if (cursor) {
      const cmp = sql.raw(q.order === 'desc' ? '<' : '>');
      where.push(sql`(${key.expr}, c.id) ${cmp} (${cursor.k}::${sql.raw(key.cast)}, ${cursor.id}::uuid)`);
    }
    const page = await queryRows<{ id: string; k: string }>(
      tx,
      sql`select c.id, ${key.text} as k from public.conversations c
          where ${sql.join(where, sql` and `)}
          order by ${key.expr} ${dir}, c.id ${dir}
          limit ${q.limit + 1}`,
    );
    const more = page.length > q.limit;
    const ids = page.slice(0, q.limit);
    const rows = await loadConversations(tx, actor.workspaceId, ids.map((r) => r.id));
    const holders = await describeHolder(tx, actor, rows.map((r) => r.id));
    const last = ids[ids.length - 1];
    return { data: rows.map((r) => ({ ...presentListItem(r), holder: holders.get(r.id) ?? null })), next_cursor: more && last ? encodeCursor({ k: last.k, id: last.id }) : null };
  });
}
