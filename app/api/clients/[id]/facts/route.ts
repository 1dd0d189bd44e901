import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { addClientFact } from '@/lib/crm/clients/manage-client-facts';
import { factInputSchema } from '@/lib/crm/clients/schemas';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    fact: await addClientFact(caller.actor, uuidParam(params.id, 'Client'), await parseJson(req, factInputSchema)),
  }),
  { permission: 'crm.write', status: 201 },
);
