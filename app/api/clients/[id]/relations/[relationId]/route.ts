import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { deleteClientRelation } from '@/lib/crm/clients/manage-client-relations';

export const DELETE = workspaceRoute<{ id: string; relationId: string }>(
  async ({ params, caller }) => {
    await deleteClientRelation(caller.actor, uuidParam(params.id, 'Client'), uuidParam(params.relationId, 'Relation'));
    return null;
  },
  { permission: 'crm.write' },
);
