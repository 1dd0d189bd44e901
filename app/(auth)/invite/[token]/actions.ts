'use server';
import { z } from 'zod';
import { userAction } from '@/lib/actions/safe-action';
import { acceptInvitation } from '@/lib/team/accept-invitation';

const formInput = z.record(z.string(), z.unknown());

/** Joins the workspace; lib also makes it the user's current workspace. */
export const acceptInvitationAction = userAction
  .metadata({ name: 'accept_invitation' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const row = await acceptInvitation(ctx.caller.actor, parsedInput);
    return { workspace_id: row.workspace_id, role: row.role };
  });
