// GET /api/conversations/:id/messages: newest first, paged backwards with `before` (an ISO
// time, or the opaque next_cursor: exact created_at + id). types=all merges the dialog's
// timeline events (crm_events) into the same stream, ordered by (created_at, id).
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { crmEvents, messages } from '@/lib/db/schema/crm';
import { presentEvent, userNames } from '../present';
import { decodeCursor, encodeCursor, tsKey, type Keyset } from '../conversations/cursor';
import { requireConversationRow } from '../conversations/load-conversations';
import { invalidField, listMessagesQuery, type ListMessagesQuery } from '../conversations/schemas';
import { presentMessage } from './present-message';

type Bound = { at: string } | Keyset | null;

function parseBefore(before: string | undefined): Bound {
  if (!before) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(before)) {
    if (Number.isNaN(Date.parse(before))) throw invalidField('before', 'before must be a time or a cursor', 'invalid_cursor');
    return { at: before };
  }
  return decodeCursor(before, 'before');
}

function beforeCondition(createdAt: SQL, id: SQL, bound: Bound): SQL | undefined {
  if (!bound) return undefined;
  if ('at' in bound) return sql`${createdAt} < ${bound.at}::timestamptz`;
  return sql`(${createdAt}, ${id}) < (${bound.k}::timestamptz, ${bound.id}::uuid)`;
}

export async function listMessages(actor: WorkspaceActor, conversationId: string, raw: ListMessagesQuery = {}) {
  assertCan(actor, 'conversations.read');
  const q = listMessagesQuery.parse(raw);
  const bound = parseBefore(q.before);
  return withActor(actor, async (tx) => {
    await requireConversationRow(tx, actor, conversationId);
    const msgs = await tx
      .select({ row: messages, k: sql<string>`${tsKey(sql`${messages.createdAt}`)}` })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversationId),
          eq(messages.workspaceId, actor.workspaceId),
          beforeCondition(sql`${messages.createdAt}`, sql`${messages.id}`, bound),
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(q.limit + 1);
    const evs =
      q.types === 'all'
        ? await tx
            .select({ row: crmEvents, k: sql<string>`${tsKey(sql`${crmEvents.createdAt}`)}` })
            .from(crmEvents)
            .where(
              and(
                eq(crmEvents.conversationId, conversationId),
                eq(crmEvents.workspaceId, actor.workspaceId),
                beforeCondition(sql`${crmEvents.createdAt}`, sql`${crmEvents.id}`, bound),
              ),
            )
            .orderBy(desc(crmEvents.createdAt), desc(crmEvents.id))
            .limit(q.limit + 1)
        : [];
    // One stream, newest first; the fixed-width ISO keys sort as text, ids break ties.
    const merged = [
      ...msgs.map((m) => ({ kind: 'message' as const, k: m.k, id: m.row.id, m: m.row })),
      ...evs.map((e) => ({ kind: 'event' as const, k: e.k, id: e.row.id, e: e.row })),
    ].sort((a, b) => (a.k === b.k ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.k < b.k ? 1 : -1));
    const page = merged.slice(0, q.limit);
    const hasMore = merged.length > q.limit;
    const names = await userNames(
      tx,
      page.map((x) => (x.kind === 'message' ? x.m.senderUserId : x.e.actorUserId)),
    );
    const data = page.map((x) => (x.kind === 'message' ? presentMessage(x.m, names) : presentEvent(x.e, names)));
    const last = page[page.length - 1];
    return { data, has_more: hasMore, next_cursor: hasMore && last ? encodeCursor({ k: last.k, id: last.id }) : null };
  });
}
