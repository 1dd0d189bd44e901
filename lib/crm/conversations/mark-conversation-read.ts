// POST /api/conversations/:id/read: an operator opened the dialog, so its customer messages
// are read — the unread badge clears in every open inbox (the realtime trigger publishes the
// change). Not a content edit: the version stays, so a PATCH in flight does not conflict.
// Viewers look without clearing the badge for the people who answer (conversations.write).
import { sql } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';

export async function markConversationRead(actor: WorkspaceActor, id: string): Promise<{ id: string; unread_count: number }> {
  assertCan(actor, 'conversations.write');
  return withActor(actor, async (tx) => {
    const [row] = await queryRows<{ id: string; unread_count: number }>(
      tx,
      sql`update public.conversations set unread_count = 0
          where id = ${id}::uuid and workspace_id = ${actor.workspaceId}::uuid and unread_count > 0
          returning id, unread_count`,
    );
    if (row) return row;
    const [exists] = await queryRows<{ id: string; unread_count: number }>(
      tx,
      sql`select id, unread_count from public.conversations where id = ${id}::uuid and workspace_id = ${actor.workspaceId}::uuid`,
    );
    if (!exists) throw notFound('Conversation');
    return exists;
  });
}
