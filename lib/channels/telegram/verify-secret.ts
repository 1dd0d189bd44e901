// Telegram echoes setWebhook's secret_token in X-Telegram-Bot-Api-Secret-Token on every
// webhook request; compared in constant time.
import crypto from 'node:crypto';

export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function verifyTelegramSecret(headers: Headers, expected: string | undefined): boolean {
  const given = headers.get(TELEGRAM_SECRET_HEADER);
  if (!given || !expected) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
