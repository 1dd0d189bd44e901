// "Mark all as read": every unread notification the reader sees.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notifications } from '@/lib/db/schema/core';
import { visibleTo } from './visible-notifications';

export async function markAllNotificationsRead(actor: WorkspaceActor): Promise<{ updated: number }> {
  assertCan(actor, 'workspace.read');
  return withActor(actor, async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ isRead: true, readAt: sql`now()` })
      .where(and(visibleTo(actor), eq(notifications.isRead, false)))
      .returning({ id: notifications.id });
    return { updated: rows.length };
  });
}
