import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { addClientRelation } from '@/lib/crm/clients/manage-client-relations';
import { relationInputSchema } from '@/lib/crm/clients/schemas';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    relation: await addClientRelation(caller.actor, uuidParam(params.id, 'Client'), await parseJson(req, relationInputSchema)),
  }),
  { permission: 'crm.write', status: 201 },
);
