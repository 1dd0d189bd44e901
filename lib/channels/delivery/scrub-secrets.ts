// Error text from a provider call may quote the request URL (Telegram puts the bot token in
// it): every secret value of the connection is cut out before the text is stored or logged.
import type { ChannelSecrets } from '../types';

export function scrubSecrets(text: string, secrets: ChannelSecrets | null | undefined): string {
  let out = text;
  for (const value of Object.values(secrets ?? {})) {
    if (typeof value === 'string' && value.length >= 6) out = out.split(value).join('[redacted]');
  }
  // Belt and braces: anything shaped like a Telegram bot token.
  return out.replace(/\b\d{5,}:[A-Za-z0-9_-]{20,}\b/g, '[redacted]').slice(0, 1000);
}
