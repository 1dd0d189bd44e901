import { userRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { acceptInvitation } from '@/lib/team/accept-invitation';
import { acceptInvitationSchema } from '@/lib/team/schemas';

export const POST = userRoute(async ({ req, caller }) => ({
  membership: await acceptInvitation(caller.actor, await parseJson(req, acceptInvitationSchema)),
}));
