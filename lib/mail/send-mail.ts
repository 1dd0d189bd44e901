// Outgoing mail: SMTP when SMTP_URL is set. Without it, development (and tests)
// write the whole mail to the log so links can be followed; production writes
// nothing of it (links are credentials) and says mail is off (readiness, dashboard).
import nodemailer from 'nodemailer';
import { getEnv, type Env } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { assertNoTransaction } from '@/lib/db/actor';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transport: nodemailer.Transporter | undefined;

export type MailMode = 'smtp' | 'log' | 'off';

/** How mail leaves this server: SMTP, the development log, or not at all. */
export function mailMode(env: Env = getEnv()): MailMode {
  if (env.SMTP_URL) return 'smtp';
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test' ? 'log' : 'off';
}

export async function sendMail(mail: Mail): Promise<{ delivered: MailMode }> {
  // An SMTP round trip must not hold a database transaction open (send from afterCommit).
  assertNoTransaction('sendMail');
  const env = getEnv();
  const mode = mailMode(env);
  if (mode === 'log') {
    logger.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'mail (development, no SMTP_URL; written to log)');
    return { delivered: 'log' };
  }
  if (mode === 'off') {
    logger.warn({ mail: { subject: mail.subject } }, 'mail is off (no SMTP_URL); message not sent');
    return { delivered: 'off' };
  }
  transport ??= nodemailer.createTransport(env.SMTP_URL!);
  await transport.sendMail({ from: env.SMTP_FROM, ...mail });
  logger.info({ mail: { to: mail.to, subject: mail.subject } }, 'mail sent via SMTP');
  return { delivered: 'smtp' };
}

/** Tests point SMTP_URL at a fake server between cases. */
export function resetMailTransport(): void {
  transport = undefined;
}
