// The password policy, safe to import in the browser (no hashing here).
import { z } from 'zod';
import { COMMON_PASSWORDS } from './common-passwords';

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  return COMMON_PASSWORDS.has(p) || /^(.)\1+$/.test(p) || /^(0123456789|1234567890|abcdefgh|qwertyui)/.test(p);
}

/** The one schema for a new password, used by every form and endpoint. */
export const newPasswordSchema = z
  .string({ error: 'Password is required' })
  .min(8, 'Password must be at least 8 characters')
  .max(128, 'Password must be at most 128 characters')
  .refine((p) => !isCommonPassword(p), {
    message: 'This password is too common and easy to guess; choose another',
    params: { code: 'common_password' },
  });
