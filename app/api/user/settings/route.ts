import { userRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { updateSettings } from '@/lib/users/update-profile';
import { updateSettingsSchema } from '@/lib/users/schemas';

export const PATCH = userRoute(async ({ req, caller }) => ({
  user: await updateSettings(caller.actor, await parseJson(req, updateSettingsSchema)),
}));
