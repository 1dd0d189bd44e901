import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { deleteClientChannel } from '@/lib/crm/clients/manage-client-channels';

export const DELETE = workspaceRoute<{ id: string; channelId: string }>(
  async ({ params, caller }) => {
    await deleteClientChannel(caller.actor, uuidParam(params.id, 'Client'), uuidParam(params.channelId, 'Channel'));
    return null;
  },
  { permission: 'crm.write' },
);
