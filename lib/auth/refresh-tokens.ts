// Refresh tokens: opaque, 30 days, stored hashed, rotated on every use; a replay
// of a used token revokes its whole family.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import { withAuthService } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { refreshTokens } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import { logger } from '@/lib/log/logger';
import { randomToken, sha256 } from './secret';
import type { RequestMeta } from './meta';

export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

export async function createRefreshToken(
  tx: Tx,
  userId: string,
  meta: RequestMeta,
  familyId: string = crypto.randomUUID(),
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
  await tx.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: sha256(token),
    expiresAt,
    ipAddress: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt };
}

/**
 * Marks the token used and returns its user and family. The conditional UPDATE
 * takes the row lock, so of two simultaneous calls exactly one wins.
 */
export async function consumeRefreshToken(
  token: string,
  meta: RequestMeta,
): Promise<{ userId: string; familyId: string; next: { token: string; expiresAt: Date } }> {
  const tokenHash = sha256(token);
  const result = await withAuthService(async (tx) => {
    const [row] = await tx
      .update(refreshTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
    if (row) {
      const next = await createRefreshToken(tx, row.userId, meta, row.familyId);
      return { ok: true as const, ...row, next };
    }
    const [existing] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    if (existing?.usedAt && !existing.revokedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(refreshTokens.familyId, existing.familyId), isNull(refreshTokens.revokedAt)));
      return { ok: false as const, reason: 'reused' as const, userId: existing.userId };
    }
    if (existing && existing.expiresAt <= new Date()) return { ok: false as const, reason: 'expired' as const };
    return { ok: false as const, reason: existing ? ('revoked' as const) : ('unknown' as const) };
  });
  if (result.ok) return result;
  if (result.reason === 'reused') {
    logger.warn({ user_id: result.userId }, 'refresh token reuse detected; token family revoked');
    throw new AppError(401, 'token_reused', 'This refresh token was already used; all sessions of this login were signed out. Log in again.');
  }
  if (result.reason === 'expired') throw new AppError(401, 'token_expired', 'Refresh token has expired; log in again');
  throw new AppError(401, 'invalid_token', 'Refresh token is invalid or revoked; log in again');
}

export async function revokeRefreshFamily(token: string): Promise<boolean> {
  return withAuthService(async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(token)));
    if (!row) return false;
    await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
    return true;
  });
}

export async function revokeAllRefreshTokens(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
