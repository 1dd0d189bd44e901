// The bell and the Notifications page: unread first, then newest first; paged by an opaque cursor.
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notifications } from '@/lib/db/schema/core';
import { queryBool } from '@/lib/api/pagination';
import { presentNotification, type Notification } from './present-notification';
import { visibleTo } from './visible-notifications';

export const listNotificationsQuery = z.object({
  unread: queryBool.optional(),
  cursor: z.string().regex(/^\d{1,9}$/, 'cursor must be a value of next_cursor').optional(),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(30),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export async function listNotifications(
  actor: WorkspaceActor,
  q: ListNotificationsQuery,
): Promise<{ data: Notification[]; unread_count: number; next_cursor: string | null }> {
  assertCan(actor, 'workspace.read');
  return withActor(actor, async (tx) => {
    const where: SQL[] = [visibleTo(actor)];
    if (q.unread !== undefined) where.push(eq(notifications.isRead, !q.unread));
    const offset = q.cursor ? Number(q.cursor) : 0;
    const rows = await tx
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(notifications.isRead, desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit + 1)
      .offset(offset);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(notifications)
      .where(and(visibleTo(actor), eq(notifications.isRead, false)));
    const more = rows.length > q.limit;
    return {
      data: rows.slice(0, q.limit).map(presentNotification),
      unread_count: Number(n),
      next_cursor: more ? String(offset + q.limit) : null,
    };
  });
}
