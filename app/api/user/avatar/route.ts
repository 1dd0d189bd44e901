import { userRoute } from '@/lib/api/route';
import { getEnv } from '@/lib/env';
import { readMultipart } from '@/lib/storage/read-form';
import { uploadAvatar } from '@/lib/users/upload-avatar';

export const POST = userRoute(async ({ req, caller }) => {
  const form = await readMultipart(req, getEnv().AVATAR_MAX_BYTES);
  return { user: await uploadAvatar(caller.actor, form) };
});
