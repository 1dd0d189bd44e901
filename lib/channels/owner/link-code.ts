// One-time codes linking a member's Telegram chat: random, only their sha256 stored, valid
// 10 minutes, consumed on use. Telegram's /start parameter allows [A-Za-z0-9_-]{1,64}.
import crypto from 'node:crypto';

export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

export function newLinkCode(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function hashLinkCode(code: string): string {
  return crypto.createHash('sha256').update(code.trim()).digest('hex');
}

export function deepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}
