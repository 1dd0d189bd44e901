import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getNote } from '@/lib/crm/notes/list-notes';
import { updateNote } from '@/lib/crm/notes/update-note';
import { deleteNote } from '@/lib/crm/notes/delete-note';
import { updateNoteSchema } from '@/lib/crm/notes/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ note: await getNote(caller.actor, uuidParam(params.id, 'Note')) }), {
  permission: 'crm.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    note: await updateNote(caller.actor, uuidParam(params.id, 'Note'), await parseJson(req, updateNoteSchema)),
  }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteNote(caller.actor, uuidParam(params.id, 'Note'));
    return null;
  },
  { permission: 'crm.write' },
);
