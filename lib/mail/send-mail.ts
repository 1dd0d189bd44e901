// Outgoing mail: SMTP when SMTP_URL is set; otherwise written to the server log.
import nodemailer from 'nodemailer';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { assertNoTransaction } from '@/lib/db/actor';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transport: nodemailer.Transporter | undefined;

export async function sendMail(mail: Mail): Promise<{ delivered: 'smtp' | 'log' }> {
  // An SMTP round trip must not hold a database transaction open (send from afterCommit).
  assertNoTransaction('sendMail');
  const env = getEnv();
  if (!env.SMTP_URL) {
    logger.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'mail (no SMTP_URL configured; written to log)');
    return { delivered: 'log' };
  }
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.SMTP_FROM, ...mail });
  logger.info({ mail: { to: mail.to, subject: mail.subject } }, 'mail sent via SMTP');
  return { delivered: 'smtp' };
}

/** Tests point SMTP_URL at a fake server between cases. */
export function resetMailTransport(): void {
  transport = undefined;
}
