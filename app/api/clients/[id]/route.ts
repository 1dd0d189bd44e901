import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getClient } from '@/lib/crm/clients/get-client';
import { updateClient } from '@/lib/crm/clients/update-client';
import { deleteClient } from '@/lib/crm/clients/delete-client';
import { deleteClientQuery, updateClientSchema } from '@/lib/crm/clients/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ client: await getClient(caller.actor, uuidParam(params.id, 'Client')) }), {
  permission: 'crm.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    client: await updateClient(caller.actor, uuidParam(params.id, 'Client'), await parseJson(req, updateClientSchema)),
  }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Client');
    await deleteClient(caller.actor, id, parseQuery(req, deleteClientQuery));
    return null;
  },
  { permission: 'crm.admin' },
);
