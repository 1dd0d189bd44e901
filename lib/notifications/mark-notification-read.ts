// Marks one notification read (idempotent: an already read one keeps its read_at).
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { notifications } from '@/lib/db/schema/core';
import { presentNotification, type Notification } from './present-notification';
import { visibleTo } from './visible-notifications';

export async function markNotificationRead(actor: WorkspaceActor, id: string): Promise<Notification> {
  assertCan(actor, 'workspace.read');
  return withActor(actor, async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ isRead: true, readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(visibleTo(actor), eq(notifications.id, id)))
      .returning();
    if (!row) throw notFound('Notification');
    return presentNotification(row);
  });
}
