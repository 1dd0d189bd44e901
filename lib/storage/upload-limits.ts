// The largest request body an upload route accepts (files plus multipart framing).
// next.config.ts reads it to size the proxy's body buffer, so keep this file free of
// server-only imports.
import type { Env } from '@/lib/env';

export const KB_FILES_PER_UPLOAD = 10;
/** Room for the multipart boundaries and part headers around the files themselves. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export function kbUploadMaxBytes(env: Pick<Env, 'KB_FILE_MAX_BYTES'>): number {
  return env.KB_FILE_MAX_BYTES * KB_FILES_PER_UPLOAD;
}

export function uploadRequestMaxBytes(env: Pick<Env, 'KB_FILE_MAX_BYTES' | 'AVATAR_MAX_BYTES'>): number {
  return Math.max(kbUploadMaxBytes(env), env.AVATAR_MAX_BYTES) + MULTIPART_OVERHEAD;
}
