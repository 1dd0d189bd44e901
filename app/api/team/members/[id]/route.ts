import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { changeMemberRole, removeMember } from '@/lib/team/manage-members';
import { changeRoleSchema } from '@/lib/team/schemas';
import { uuidParam } from '@/lib/api/params';

export const PATCH = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    member: await changeMemberRole(caller.actor, uuidParam(params.id, 'Member'), await parseJson(req, changeRoleSchema)),
  }),
  { permission: 'team.manage' },
);

// Members may remove themselves (leave); removing others needs team.manage, checked in lib.
export const DELETE = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => {
    await removeMember(caller.actor, uuidParam(params.id, 'Member'));
    return null;
  },
  { permission: 'team.read' },
);
