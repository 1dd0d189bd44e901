// A note on a client or a deal; the author is the actor. Writes `note_added` on the timeline
// and one audit row.
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { notes } from '@/lib/db/schema/crm';
import { recordEvent, sourceOf } from '@/lib/crm/record-event';
import { resolveActivityTarget } from '@/lib/crm/activity-refs';
import { createNoteSchema, type CreateNoteInput } from './schemas';
import { presentNotes, type Note } from './load-notes';

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
  return (await presentNotes(tx, [row]))[0];
}

export async function createNote(actor: WorkspaceActor, raw: unknown): Promise<Note> {
  assertCan(actor, 'crm.write');
  const input = createNoteSchema.parse(raw);
  return withActor(actor, (tx) => insertNote(tx, actor, input));
}
