// Avatar upload: PNG, JPEG, WebP or GIF up to AVATAR_MAX_BYTES, kept in storage.
import crypto from 'node:crypto';
import { getEnv } from '@/lib/env';
import { getStorage } from '@/lib/storage/storage';
import { readUpload } from '@/lib/storage/check-upload';
import type { Caller } from '@/lib/auth/resolve-caller';
import { setAvatarUrl } from './update-profile';

export const AVATAR_TYPES: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
};

export async function uploadAvatar(caller: Caller, form: FormData) {
  const file = await readUpload(form, 'avatar', { maxBytes: getEnv().AVATAR_MAX_BYTES, allowed: AVATAR_TYPES });
  const key = `avatars/${caller.user.id}/${crypto.randomUUID()}.${file.ext}`;
  const storage = await getStorage();
  await storage.put(key, file.bytes, file.mime);
  const previous = caller.user.avatarUrl;
  const profile = await setAvatarUrl(caller, `/api/files/${key}`);
  if (previous?.startsWith('/api/files/avatars/')) {
    await storage.delete(previous.slice('/api/files/'.length)).catch(() => undefined);
  }
  return profile;
}
