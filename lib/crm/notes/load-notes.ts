// Notes presented with their author's name; one note of the workspace or 404.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { notFound } from '@/lib/api/errors';
import { notes } from '@/lib/db/schema/crm';
import { presentNote, userNames } from '@/lib/crm/present';

export type Note = ReturnType<typeof presentNote>;
export type NoteRow = typeof notes.$inferSelect;

export async function presentNotes(tx: Tx, rows: NoteRow[]): Promise<Note[]> {
  const names = await userNames(tx, rows.map((r) => r.authorUserId));
  return rows.map((r) => presentNote(r, names));
}

export async function requireNote(tx: Tx, workspaceId: string, noteId: string): Promise<NoteRow> {
  const [row] = await tx.select().from(notes).where(and(eq(notes.id, noteId), eq(notes.workspaceId, workspaceId)));
  if (!row) throw notFound('Note');
  return row;
}
