import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { deleteClientFact } from '@/lib/crm/clients/manage-client-facts';

export const DELETE = workspaceRoute<{ id: string; factId: string }>(
  async ({ params, caller }) => {
    await deleteClientFact(caller.actor, uuidParam(params.id, 'Client'), uuidParam(params.factId, 'Fact'));
    return null;
  },
  { permission: 'crm.write' },
);
