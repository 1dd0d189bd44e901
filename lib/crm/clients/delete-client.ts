// Deletes a client (admins). With dialogs it asks first: 409 client_has_dialogs with their count
// unless `dialogs=delete`, which deletes them with the client (and their messages and events).
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { clients, conversations } from '@/lib/db/schema/crm';
import { requireClient } from './client-store';

export async function deleteClient(actor: WorkspaceActor, id: string, opts: { dialogs?: 'delete' } = {}) {
  assertCan(actor, 'crm.admin');
  await withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const row = await requireClient(tx, ws, id, true);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ws), eq(conversations.clientId, id)));
    if (n > 0 && opts.dialogs !== 'delete') {
      throw new AppError(409, 'client_has_dialogs', `The client has ${n} dialog(s); pass dialogs=delete to delete them too`, { dialogs: n });
    }
    if (n > 0) await tx.delete(conversations).where(and(eq(conversations.workspaceId, ws), eq(conversations.clientId, id)));
    await tx.delete(clients).where(and(eq(clients.id, id), eq(clients.workspaceId, ws)));
    await recordAudit(tx, actor, {
      action: 'delete_client',
      entityType: 'client',
      entityId: id,
      oldValues: { name: row.name, phone: row.phone, email: row.email, dialogs_deleted: n },
    });
  });
}
