import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getField } from '@/lib/crm/fields/list-fields';
import { updateField } from '@/lib/crm/fields/update-field';
import { deleteField } from '@/lib/crm/fields/delete-field';
import { updateFieldSchema } from '@/lib/crm/fields/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ field: await getField(caller.actor, uuidParam(params.id, 'Field')) }), {
  permission: 'crm.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({ field: await updateField(caller.actor, uuidParam(params.id, 'Field'), await parseJson(req, updateFieldSchema)) }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteField(caller.actor, uuidParam(params.id, 'Field'));
    return null;
  },
  { permission: 'crm.admin' },
);
