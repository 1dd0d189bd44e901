import { userRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { getProfile } from '@/lib/users/get-profile';
import { updateProfile } from '@/lib/users/update-profile';
import { updateProfileSchema } from '@/lib/users/schemas';

export const GET = userRoute(async ({ caller }) => ({ user: await getProfile(caller.actor) }));

export const PATCH = userRoute(async ({ req, caller }) => ({
  user: await updateProfile(caller.actor, await parseJson(req, updateProfileSchema)),
}));
