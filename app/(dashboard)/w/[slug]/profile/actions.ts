'use server';
import { z } from 'zod';
import { userAction } from '@/lib/actions/safe-action';
import { updateProfile } from '@/lib/users/update-profile';
import { uploadAvatar } from '@/lib/users/upload-avatar';

// lib/ parses the values with updateProfileSchema (and refuses company_name without settings.write).
const formInput = z.record(z.string(), z.unknown());

export const updateProfileAction = userAction
  .metadata({ name: 'update_profile' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const profile = await updateProfile(ctx.caller.actor, parsedInput);
    return { full_name: profile.full_name, company_name: profile.company_name };
  });

export const uploadAvatarAction = userAction
  .metadata({ name: 'upload_avatar' })
  .inputSchema(z.instanceof(FormData))
  .action(async ({ parsedInput, ctx }) => {
    const profile = await uploadAvatar(ctx.caller.actor, parsedInput);
    return { avatar_url: profile.avatar_url };
  });
