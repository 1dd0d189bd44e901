// Avatar upload: PNG, JPEG, WebP or GIF up to AVATAR_MAX_BYTES, kept in storage.
import crypto from 'node:crypto';
import { getEnv } from '@/lib/env';
import { getStorage } from '@/lib/storage/storage';
import { readUpload } from '@/lib/storage/check-upload';
import { eq } from 'drizzle-orm';
import { withActor, type UserActor } from '@/lib/db/actor';
import { users } from '@/lib/db/schema/core';
import { setAvatarUrl } from './update-profile';

export const AVATAR_TYPES: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
};

export async function uploadAvatar(actor: UserActor, form: FormData) {
  const file = await readUpload(form, 'avatar', { maxBytes: getEnv().AVATAR_MAX_BYTES, allowed: AVATAR_TYPES });
  const key = `avatars/${actor.userId}/${crypto.randomUUID()}.${file.ext}`;
  const storage = await getStorage();
  await storage.put(key, file.bytes, file.mime);
  const [{ previous }] = await withActor(actor, (tx) =>
    tx.select({ previous: users.avatarUrl }).from(users).where(eq(users.id, actor.userId)),
  );
  const profile = await setAvatarUrl(actor, `/api/files/${key}`);
  if (previous?.startsWith('/api/files/avatars/')) {
    await storage.delete(previous.slice('/api/files/'.length)).catch(() => undefined);
  }
  return profile;
}
