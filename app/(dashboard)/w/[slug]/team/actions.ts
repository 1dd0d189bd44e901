'use server';
// Team mutations; lib/ checks who may hand out which role and keeps the last owner.
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/safe-action';
import { notFound } from '@/lib/api/errors';
import { inviteMember } from '@/lib/team/invite-member';
import { listTeam } from '@/lib/team/list-team';
import { changeMemberRole, removeMember, revokeInvitation } from '@/lib/team/manage-members';

const formInput = z.record(z.string(), z.unknown());

export const inviteMemberAction = workspaceAction.metadata({ name: 'invite_member', permission: 'team.manage' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => inviteMember(ctx.caller.actor, parsedInput));

export const changeMemberRoleAction = workspaceAction.metadata({ name: 'change_member_role', permission: 'team.manage' })
  .inputSchema(z.object({ membership_id: z.uuid(), role: z.unknown() }))
  .action(async ({ parsedInput, ctx }) =>
    changeMemberRole(ctx.caller.actor, parsedInput.membership_id, { role: parsedInput.role }),
  );

export const removeMemberAction = workspaceAction.metadata({ name: 'remove_member', permission: 'team.manage' })
  .inputSchema(z.object({ membership_id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await removeMember(ctx.caller.actor, parsedInput.membership_id);
    return { removed: true };
  });

/** Anyone may leave; the membership is looked up here rather than taken from the client. */
export const leaveWorkspaceAction = workspaceAction.metadata({ name: 'leave_workspace', permission: 'workspace.read' })
  .action(async ({ ctx }) => {
    const { members } = await listTeam(ctx.caller.actor);
    const own = members.find((m) => m.user_id === ctx.caller.user.id);
    if (!own) throw notFound('Membership');
    await removeMember(ctx.caller.actor, own.id);
    return { left: true };
  });

export const revokeInvitationAction = workspaceAction.metadata({ name: 'revoke_invitation', permission: 'team.manage' })
  .inputSchema(z.object({ invitation_id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await revokeInvitation(ctx.caller.actor, parsedInput.invitation_id);
    return { revoked: true };
  });
