import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listNotes } from '@/lib/crm/notes/list-notes';
import { createNote } from '@/lib/crm/notes/create-note';
import { createNoteSchema, listNotesQuery } from '@/lib/crm/notes/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listNotes(caller.actor, parseQuery(req, listNotesQuery)), {
  permission: 'crm.read',
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ note: await createNote(caller.actor, await parseJson(req, createNoteSchema)) }),
  { permission: 'crm.write', status: 201 },
);
