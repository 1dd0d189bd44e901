// A visitor is a random token the widget keeps in localStorage; we store only its sha256
// (the client_channels external id of type web_chat and the conversation's channel id), so a
// leaked database names no token that could read a visitor's conversation.
import crypto from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newVisitorToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function isVisitorToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** The visitor's identity as stored: sha256 hex of the token. */
export function visitorIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
