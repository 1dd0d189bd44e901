import { workspaceRoute } from '@/lib/api/route';
import { revokeInvitation } from '@/lib/team/manage-members';
import { uuidParam } from '@/lib/api/params';

export const DELETE = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => {
    await revokeInvitation(caller.actor, uuidParam(params.id, 'Invitation'));
    return null;
  },
  { permission: 'team.manage' },
);
