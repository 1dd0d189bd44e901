// X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>, compared
// in constant time on the exact bytes received.
import crypto from 'node:crypto';

export function verifyWhatsAppSignature(rawBody: Uint8Array, header: string | null, appSecret: string | undefined): boolean {
  if (!appSecret || !header) return false;
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return false;
  const given = Buffer.from(m[1].toLowerCase(), 'hex');
  const expected = crypto.createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Constant-time equality of two strings (the verify token of the GET handshake). */
export function safeEqual(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y) && a.length === b.length;
}
