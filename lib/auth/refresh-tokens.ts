// Refresh tokens: opaque, 30 days, stored hashed, rotated on every use; a replay
// of a used token revokes its whole family, except a repeat within a few seconds
// (two tabs, a retry after a lost response), which gets the same successor.
import { and, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import { withAuthService } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { refreshTokens } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import { logger } from '@/lib/log/logger';
import { randomToken, sha256 } from './secret';
import type { RequestMeta } from './meta';

export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/** How long a used token still yields its successor instead of counting as a replay. */
export const REFRESH_GRACE_SECONDS = 10;
const GRACE = sql.raw(`interval '${REFRESH_GRACE_SECONDS} seconds'`);

// The successor is stored only sealed under a key derived from the token it replaces.
// That token is never stored (only its hash), so the sealed copy is useless to anyone
// reading the table, and it is cleared once the grace window has passed.
function successorKey(presented: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', presented, 'salesagent/refresh-successor', 'v1', 32));
}

function sealSuccessor(presented: string, successor: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', successorKey(presented), iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

function openSuccessor(presented: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', successorKey(presented), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export async function createRefreshToken(
  tx: Tx,
  userId: string,
  meta: RequestMeta,
  familyId: string = crypto.randomUUID(),
  now = new Date(),
  token: string = randomToken(32),
): Promise<{ token: string; expiresAt: Date }> {
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
 * Marks the token used and returns its user, family and successor. The conditional
 * UPDATE takes the row lock, so of two simultaneous calls exactly one rotates; the
 * other (or a retry within REFRESH_GRACE_SECONDS) gets that same successor while it
 * is still unused. Later replays revoke the whole family.
 */
export async function consumeRefreshToken(
  token: string,
  meta: RequestMeta,
): Promise<{ userId: string; familyId: string; next: { token: string; expiresAt: Date }; repeated?: boolean }> {
  const tokenHash = sha256(token);
  const successor = randomToken(32);
  const result = await withAuthService(async (tx) => {
    await tx
      .update(refreshTokens)
      .set({ successorSealed: null })
      .where(and(isNotNull(refreshTokens.successorSealed), lt(refreshTokens.usedAt, sql`now() - ${GRACE}`)));
    const [row] = await tx
      .update(refreshTokens)
      .set({ usedAt: sql`now()`, successorSealed: sealSuccessor(token, successor) })
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
      const next = await createRefreshToken(tx, row.userId, meta, row.familyId, new Date(), successor);
      return { ok: true as const, ...row, next };
    }
    const [existing] = await tx
      .select({
        userId: refreshTokens.userId,
        familyId: refreshTokens.familyId,
        usedAt: refreshTokens.usedAt,
        revokedAt: refreshTokens.revokedAt,
        expiresAt: refreshTokens.expiresAt,
        successorSealed: refreshTokens.successorSealed,
        inGrace: sql<boolean>`${refreshTokens.usedAt} > now() - ${GRACE}`,
      })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    if (existing?.usedAt && !existing.revokedAt && existing.inGrace) {
      const sealed = existing.successorSealed && openSuccessor(token, existing.successorSealed);
      const [next] = sealed
        ? await tx
            .select({ expiresAt: refreshTokens.expiresAt })
            .from(refreshTokens)
            .where(
              and(
                eq(refreshTokens.tokenHash, sha256(sealed)),
                isNull(refreshTokens.usedAt),
                isNull(refreshTokens.revokedAt),
                gt(refreshTokens.expiresAt, sql`now()`),
              ),
            )
        : [];
      if (sealed && next) {
        return { ok: true as const, userId: existing.userId, familyId: existing.familyId, next: { token: sealed, expiresAt: next.expiresAt }, repeated: true };
      }
      // The successor already moved on (or was signed out): refuse, but revoke nothing
      // within the window, so the client holding the newest token stays signed in.
      return { ok: false as const, reason: 'superseded' as const };
    }
    if (existing?.usedAt && !existing.revokedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: sql`now()`, successorSealed: null })
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
  if (result.reason === 'superseded') {
    throw new AppError(409, 'token_superseded', 'This refresh token was just rotated and its successor already used; continue with the newest token.');
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
