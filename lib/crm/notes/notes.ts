// Notes on a client or a deal: the author is the actor; newest first. Adding one writes
// `note_added` on the timeline; every create/update/delete is one audit row.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { notes } from '@/lib/db/schema/crm';
import { presentNote, userNames } from '@/lib/crm/present';
import { recordEvent, sourceOf } from '@/lib/crm/record-event';
import { resolveActivityTarget } from '@/lib/crm/activity-refs';
import { createNoteSchema, updateNoteSchema, type CreateNoteInput, type ListNotesQuery } from './schemas';

export type Note = ReturnType<typeof presentNote>;
type NoteRow = typeof notes.$inferSelect;

async function present(tx: Tx, rows: NoteRow[]): Promise<Note[]> {
  const names = await userNames(tx, rows.map((r) => r.authorUserId));
  return rows.map((r) => presentNote(r, names));
}

async function requireNote(tx: Tx, workspaceId: string, noteId: string): Promise<NoteRow> {
  const [row] = await tx.select().from(notes).where(and(eq(notes.id, noteId), eq(notes.workspaceId, workspaceId)));
  if (!row) throw notFound('Note');
  return row;
}

export async function listNotes(actor: WorkspaceActor, q: ListNotesQuery): Promise<{ data: Note[] }> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const where: SQL[] = [eq(notes.workspaceId, actor.workspaceId)];
    if (q.client_id) where.push(eq(notes.clientId, q.client_id));
    if (q.conversation_id) where.push(eq(notes.conversationId, q.conversation_id));
    const rows = await tx.select().from(notes).where(and(...where)).orderBy(desc(notes.createdAt), desc(notes.id)).limit(q.limit);
    return { data: await present(tx, rows) };
  });
}

export async function getNote(actor: WorkspaceActor, noteId: string): Promise<Note> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => (await present(tx, [await requireNote(tx, actor.workspaceId, noteId)]))[0]);
}

/** Inside the caller's transaction (the CRM adapter uses it too). */
export async function insertNote(tx: Tx, actor: WorkspaceActor, input: CreateNoteInput): Promise<Note> {
  const target = await resolveActivityTarget(tx, actor.workspaceId, input);
  const [row] = await tx
    .insert(notes)
    .values({
      workspaceId: actor.workspaceId,
      text: input.text,
      clientId: target.clientId,
      conversationId: target.conversationId,
      source: sourceOf(actor),
      authorUserId: actorUserId(actor),
    })
    .returning();
  await recordEvent(tx, actor, {
    type: 'note_added',
    clientId: row.clientId,
    conversationId: row.conversationId,
    payload: { note_id: row.id, text: row.text.length > 500 ? `${row.text.slice(0, 500)}…` : row.text },
  });
  await recordAudit(tx, actor, {
    action: 'create_note',
    entityType: 'note',
    entityId: row.id,
    newValues: { text: row.text, client_id: row.clientId, conversation_id: row.conversationId },
  });
  return (await present(tx, [row]))[0];
}

export async function createNote(actor: WorkspaceActor, raw: unknown): Promise<Note> {
  assertCan(actor, 'crm.write');
  const input = createNoteSchema.parse(raw);
  return withActor(actor, (tx) => insertNote(tx, actor, input));
}

export async function updateNote(actor: WorkspaceActor, noteId: string, raw: unknown): Promise<Note> {
  assertCan(actor, 'crm.write');
  const input = updateNoteSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const before = await requireNote(tx, actor.workspaceId, noteId);
    if (before.text === input.text) return (await present(tx, [before]))[0];
    const [row] = await tx
      .update(notes)
      .set({ text: input.text, updatedAt: sql`now()` })
      .where(and(eq(notes.id, noteId), eq(notes.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, { action: 'update_note', entityType: 'note', entityId: noteId, oldValues: { text: before.text }, newValues: { text: row.text } });
    return (await present(tx, [row]))[0];
  });
}

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
