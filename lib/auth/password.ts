// Password hashing (argon2id, m=19 MiB, t=2, p=1 per OWASP) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { COMMON_PASSWORDS } from './common-passwords';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash of a random string, verified when the email is unknown so that a
// login for a missing account takes as long as one for an existing account.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-timing-' + Math.random());
  await verifyPassword(await dummyHash, password);
}

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
