// Integration secrets at rest (bot tokens, OAuth tokens, API keys): AES-256-GCM with
// the key from ENCRYPTION_KEY, or in the embedded default a key generated on first
// start and kept under the data folder (like the auth secret). Each value carries the
// id of the key that sealed it — `v1:<kid>:<iv>:<tag>:<ciphertext>` (base64url) — so
// keys rotate: old keys (ENCRYPTION_KEYS_OLD) still open their values, and
// reencryptSecret() seals them again with the current key. Anything tampered with,
// or sealed with an unknown key, fails closed with SecretDecryptError.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt secret: ${reason}`);
    this.name = 'SecretDecryptError';
  }
}

interface Keyring {
  current: { kid: string; key: Buffer };
  byKid: Map<string, Buffer>;
}

let cached: { source: string; ring: Keyring } | undefined;

/** A key's id: a short hash of the key itself, so nothing else needs configuring. */
export function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update('salesagent-kid:').update(key).digest('base64url').slice(0, 8);
}

function decodeKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error('encryption keys must be 32 bytes (base64)');
  return key;
}

// The key file is read once per path (every secret read went to the disk before).
const generatedKeys = new Map<string, string>();
function generatedKey(dataDir: string): string {
  const file = path.resolve(dataDir, 'encryption-key');
  const known = generatedKeys.get(file);
  if (known && fs.existsSync(file)) return known;
  const key = readOrCreateKey(file);
  generatedKeys.set(file, key);
  return key;
}

function readOrCreateKey(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = crypto.randomBytes(32).toString('base64');
    try {
      fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
}

function keyring(): Keyring {
  const env = getEnv();
  const currentB64 = env.ENCRYPTION_KEY ?? generatedKey(env.DATA_DIR);
  const source = [currentB64, ...env.ENCRYPTION_KEYS_OLD].join(',');
  if (cached?.source === source) return cached.ring;
  const key = decodeKey(currentB64);
  const ring: Keyring = { current: { kid: keyId(key), key }, byKid: new Map([[keyId(key), key]]) };
  for (const old of env.ENCRYPTION_KEYS_OLD) {
    const k = decodeKey(old);
    if (!ring.byKid.has(keyId(k))) ring.byKid.set(keyId(k), k);
  }
  cached = { source, ring };
  return ring;
}

/** Makes sure a key exists (server start-up generates it once in the embedded default). */
export function ensureEncryptionKey(): string {
  return keyring().current.kid;
}

/**
 * Seals a secret. `context` (e.g. 'integrations.credentials:<id>') is bound to the
 * ciphertext as associated data, so a value copied into another row does not open.
 */
export function encryptSecret(plaintext: string, context = ''): string {
  const { kid, key } = keyring().current;
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}:${kid}:${context}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, kid, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(':');
}

function parse(value: string) {
  const parts = typeof value === 'string' ? value.split(':') : [];
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretDecryptError('not an encrypted value');
  const [, kid, ivB64, tagB64, ctB64] = parts;
  const iv = Buffer.from(ivB64, 'base64url');
  const tag = Buffer.from(tagB64, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError('malformed value');
  return { kid, iv, tag, ct: Buffer.from(ctB64, 'base64url') };
}

/** Opens a sealed secret; throws SecretDecryptError on any tampering or an unknown key. */
export function decryptSecret(value: string, context = ''): string {
  const { kid, iv, tag, ct } = parse(value);
  const key = keyring().byKid.get(kid);
  if (!key) throw new SecretDecryptError('sealed with a key that is not configured');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${kid}:${context}`, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptError('authentication failed');
  }
}

/** True when the value was sealed with an older key and should be re-encrypted. */
export function needsReencryption(value: string): boolean {
  return parse(value).kid !== keyring().current.kid;
}

/** Opens with whichever key sealed it and seals again with the current key. */
export function reencryptSecret(value: string, context = ''): string {
  return needsReencryption(value) ? encryptSecret(decryptSecret(value, context), context) : value;
}

/** JSON helpers for a connection's credentials object. */
export function encryptJson(value: Record<string, unknown>, context = ''): string {
  return encryptSecret(JSON.stringify(value), context);
}
export function decryptJson<T = Record<string, unknown>>(value: string, context = ''): T {
  return JSON.parse(decryptSecret(value, context)) as T;
}
