// Deleting one notification, or all the reader sees.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { notifications } from '@/lib/db/schema/core';
import { visibleTo } from './visible-notifications';

export async function deleteNotification(actor: WorkspaceActor, id: string): Promise<void> {
  assertCan(actor, 'workspace.read');
  await withActor(actor, async (tx) => {
    const rows = await tx
      .delete(notifications)
      .where(and(visibleTo(actor), eq(notifications.id, id)))
      .returning({ id: notifications.id });
    if (rows.length === 0) throw notFound('Notification');
  });
}

export async function deleteAllNotifications(actor: WorkspaceActor): Promise<{ deleted: number }> {
  assertCan(actor, 'workspace.read');
  return withActor(actor, async (tx) => {
    const rows = await tx.delete(notifications).where(visibleTo(actor)).returning({ id: notifications.id });
    return { deleted: rows.length };
  });
}
