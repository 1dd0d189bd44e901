// Delete a note (members may: notes are the small parts of a record). One audit row.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { notes } from '@/lib/db/schema/crm';
import { requireNote } from './load-notes';

export async function deleteNote(actor: WorkspaceActor, noteId: string): Promise<void> {
  assertCan(actor, 'crm.write');
  await withActor(actor, async (tx) => {
    const before = await requireNote(tx, actor.workspaceId, noteId);
    await tx.delete(notes).where(and(eq(notes.id, noteId), eq(notes.workspaceId, actor.workspaceId)));
    await recordAudit(tx, actor, {
      action: 'delete_note',
      entityType: 'note',
      entityId: noteId,
      oldValues: { text: before.text, client_id: before.clientId, conversation_id: before.conversationId },
    });
  });
}
