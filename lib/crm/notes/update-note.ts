// Edit a note's text; one audit row with the old and new text.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { notes } from '@/lib/db/schema/crm';
import { updateNoteSchema } from './schemas';
import { presentNotes, requireNote, type Note } from './load-notes';

export async function updateNote(actor: WorkspaceActor, noteId: string, raw: unknown): Promise<Note> {
  assertCan(actor, 'crm.write');
  const input = updateNoteSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const before = await requireNote(tx, actor.workspaceId, noteId);
    if (before.text === input.text) return (await presentNotes(tx, [before]))[0];
    const [row] = await tx
      .update(notes)
      .set({ text: input.text, updatedAt: sql`now()` })
      .where(and(eq(notes.id, noteId), eq(notes.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, { action: 'update_note', entityType: 'note', entityId: noteId, oldValues: { text: before.text }, newValues: { text: row.text } });
    return (await presentNotes(tx, [row]))[0];
  });
}
