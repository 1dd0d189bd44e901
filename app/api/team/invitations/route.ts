import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { inviteMember } from '@/lib/team/invite-member';
import { inviteSchema } from '@/lib/team/schemas';

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ invitation: await inviteMember(caller.actor, await parseJson(req, inviteSchema)) }),
  { permission: 'team.manage', status: 201 },
);
