// The notes of a client or a deal (or the workspace's), newest first.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notes } from '@/lib/db/schema/crm';
import type { ListNotesQuery } from './schemas';
import { presentNotes, requireNote, type Note } from './load-notes';

export async function listNotes(actor: WorkspaceActor, q: ListNotesQuery): Promise<{ data: Note[] }> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const where: SQL[] = [eq(notes.workspaceId, actor.workspaceId)];
    if (q.client_id) where.push(eq(notes.clientId, q.client_id));
    if (q.conversation_id) where.push(eq(notes.conversationId, q.conversation_id));
    const rows = await tx.select().from(notes).where(and(...where)).orderBy(desc(notes.createdAt), desc(notes.id)).limit(q.limit);
    return { data: await presentNotes(tx, rows) };
  });
}

export async function getNote(actor: WorkspaceActor, noteId: string): Promise<Note> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => (await presentNotes(tx, [await requireNote(tx, actor.workspaceId, noteId)]))[0]);
}
