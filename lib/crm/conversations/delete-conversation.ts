// DELETE /api/conversations/:id (crm.admin): the dialog with its messages, events, tasks and
// notes (foreign keys cascade); the audit row keeps what it was.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { conversations } from '@/lib/db/schema/crm';
import { presentConversation, requireConversationRow } from './load-conversations';

export async function deleteConversation(actor: WorkspaceActor, id: string): Promise<void> {
  assertCan(actor, 'crm.admin');
  await withActor(actor, async (tx) => {
    const before = await requireConversationRow(tx, actor, id);
    await tx.delete(conversations).where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, id)));
    await recordAudit(tx, actor, { action: 'delete_conversation', entityType: 'conversation', entityId: id, oldValues: presentConversation(before) });
  });
}
