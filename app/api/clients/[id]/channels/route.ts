import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { addClientChannel } from '@/lib/crm/clients/manage-client-channels';
import { channelInputSchema } from '@/lib/crm/clients/schemas';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    channel: await addClientChannel(caller.actor, uuidParam(params.id, 'Client'), await parseJson(req, channelInputSchema)),
  }),
  { permission: 'crm.write', status: 201 },
);
