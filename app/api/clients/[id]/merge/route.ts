import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { mergeClients } from '@/lib/crm/clients/merge-clients';
import { mergeInputSchema } from '@/lib/crm/clients/schemas';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    client: await mergeClients(caller.actor, uuidParam(params.id, 'Client'), await parseJson(req, mergeInputSchema)),
  }),
  { permission: 'crm.admin' },
);
