// AUTH_SECRET, or in the embedded default a secret generated on first start and
// kept under the data folder (never in git).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { getEnv } from '@/lib/env';

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.resolve(env.DATA_DIR, 'auth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(48).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
  if (!process.env.AUTH_SECRET) process.env.AUTH_SECRET = cached; // next-auth reads it from there
  return cached!;
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
