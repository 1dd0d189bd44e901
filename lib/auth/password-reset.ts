// Forgot-password and reset-password: single-use tokens, 1 hour, stored hashed.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { withAuthService } from '@/lib/db/actor';
import { passwordResetTokens, userCredentials, users } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import { appUrl } from '@/lib/env';
import { consume } from '@/lib/ratelimit/limits';
import { sendMail } from '@/lib/mail/send-mail';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { translatorFor } from '@/lib/i18n/translator';
import { recordAudit } from '@/lib/audit/record-audit';
import { forgotPasswordSchema, resetPasswordSchema } from './schemas';
import { hashPassword } from './password';
import { randomToken, sha256 } from './secret';
import { revokeAllRefreshTokens } from './refresh-tokens';
import type { RequestMeta } from './meta';
// The in-process handler must exist wherever a reset can be requested.
import './register-handlers';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Answers the same way, in the same time, whether or not the email exists: the
 * request only writes an outbox event (constant work); looking the address up,
 * creating the token and sending the mail happen afterwards, off the request
 * (sendPasswordResetLink, run by the relay in-process or by Inngest).
 */
export async function requestPasswordReset(raw: unknown, meta: RequestMeta): Promise<void> {
  const { email } = forgotPasswordSchema.parse(raw);
  if (meta.ip) await consume('authIp', meta.ip);
  await consume('authAccount', `forgot:${email}`);
  await withAuthService((tx) => enqueueEvent(tx, null, 'auth/password-reset.requested', { email }));
  relaySoon();
}

/** The event's work: a token and a mail for an existing account, nothing otherwise. */
export async function sendPasswordResetLink(email: string): Promise<{ sent: boolean }> {
  const token = randomToken(32);
  const user = await withAuthService(async (tx) => {
    const [u] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
    if (!u) return undefined;
    await tx.insert(passwordResetTokens).values({
      userId: u.id,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
    });
    return u;
  });
  if (!user) return { sent: false };
  const t = translatorFor(user.locale);
  const link = `${appUrl()}/reset-password?token=${encodeURIComponent(token)}`;
  await sendMail({
    to: user.email,
    subject: t('mail.reset.subject'),
    text: t('mail.reset.body', { name: user.fullName ?? user.email, link }),
  });
  return { sent: true };
}

export async function resetPassword(raw: unknown, meta: RequestMeta): Promise<{ email: string }> {
  const { token, password } = resetPasswordSchema.parse(raw);
  if (meta.ip) await consume('authIp', meta.ip);
  const passwordHash = await hashPassword(password);
  return withAuthService(async (tx) => {
    const [row] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, sha256(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!row) {
      throw new AppError(400, 'invalid_token', 'This reset link is invalid, expired or already used; request a new one', {
        fields: [{ field: 'token', message: 'invalid, expired or already used' }],
      });
    }
    await tx
      .update(userCredentials)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(userCredentials.userId, row.userId));
    const [user] = await tx
      .update(users)
      .set({ passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(users.id, row.userId))
      .returning();
    // Signing out everywhere: a reset usually means the old password leaked.
    await revokeAllRefreshTokens(tx, user.id);
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await recordAudit(tx, { kind: 'user', userId: user.id, ...meta }, {
      action: 'reset_password',
      entityType: 'user',
      entityId: user.id,
      workspaceId: null,
    });
    return { email: user.email };
  });
}
