// Secrets at rest: sealed values open only with the right key and context, tampering
// fails closed, and keys rotate without losing values.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { decryptSecret, encryptSecret, keyId, needsReencryption, reencryptSecret, SecretDecryptError } from './secrets';

const keyA = crypto.randomBytes(32).toString('base64');
const keyB = crypto.randomBytes(32).toString('base64');

function useKeys(current?: string, old: string[] = []) {
  if (current) process.env.ENCRYPTION_KEY = current;
  else delete process.env.ENCRYPTION_KEY;
  if (old.length) process.env.ENCRYPTION_KEYS_OLD = old.join(',');
  else delete process.env.ENCRYPTION_KEYS_OLD;
  resetEnvCache();
}

afterEach(() => useKeys());

describe('lib/crypto secrets', () => {
  it('round-trips and never stores the plaintext', () => {
    useKeys(keyA);
    const sealed = encryptSecret('123456:bot-token-AAAA', 'integrations.credentials:x');
    expect(sealed).toMatch(/^v1:[\w-]{8}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('bot-token');
    expect(sealed.split(':')[1]).toBe(keyId(Buffer.from(keyA, 'base64')));
    expect(decryptSecret(sealed, 'integrations.credentials:x')).toBe('123456:bot-token-AAAA');
    // A fresh IV each time: equal secrets do not look equal at rest.
    expect(encryptSecret('same')).not.toBe(encryptSecret('same'));
  });

  it('fails closed on tampering, a wrong context or garbage', () => {
    useKeys(keyA);
    const sealed = encryptSecret('sk-live-secret', 'ctx-1');
    const parts = sealed.split(':');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] ^= 1;
      return b.toString('base64url');
    };
    for (const i of [2, 3, 4]) {
      const bad = [...parts];
      bad[i] = flip(bad[i]);
      expect(() => decryptSecret(bad.join(':'), 'ctx-1')).toThrow(SecretDecryptError);
    }
    expect(() => decryptSecret(sealed, 'ctx-2')).toThrow(SecretDecryptError);
    expect(() => decryptSecret('sk-live-secret')).toThrow(SecretDecryptError);
    expect(() => decryptSecret(`v1:zzzzzzzz:${parts.slice(2).join(':')}`, 'ctx-1')).toThrow(SecretDecryptError);
  });

  it('rotates: old keys still open values, re-encryption moves them to the current key', () => {
    useKeys(keyA);
    const sealedA = encryptSecret('oauth-refresh-token', 'ctx');
    useKeys(keyB);
    expect(() => decryptSecret(sealedA, 'ctx')).toThrow(SecretDecryptError); // old key gone: fails closed
    useKeys(keyB, [keyA]);
    expect(decryptSecret(sealedA, 'ctx')).toBe('oauth-refresh-token');
    expect(needsReencryption(sealedA)).toBe(true);
    const sealedB = reencryptSecret(sealedA, 'ctx');
    expect(needsReencryption(sealedB)).toBe(false);
    expect(sealedB.split(':')[1]).toBe(keyId(Buffer.from(keyB, 'base64')));
    useKeys(keyB);
    expect(decryptSecret(sealedB, 'ctx')).toBe('oauth-refresh-token');
  });

  it('without ENCRYPTION_KEY generates one key into the data folder and keeps using it', () => {
    useKeys();
    const sealed = encryptSecret('kept across restarts');
    const file = path.resolve(process.env.DATA_DIR!, 'encryption-key');
    const stored = fs.readFileSync(file, 'utf8').trim();
    expect(Buffer.from(stored, 'base64')).toHaveLength(32);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    useKeys(stored);
    expect(decryptSecret(sealed)).toBe('kept across restarts');
  });

  it('refuses malformed keys at start-up naming the variable', async () => {
    const { getEnv } = await import('@/lib/env');
    expect(() => getEnv({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY/);
    expect(() => getEnv({ ENCRYPTION_KEYS_OLD: `${keyA},nope` })).toThrow(/ENCRYPTION_KEYS_OLD/);
  });
});
