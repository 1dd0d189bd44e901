// Dashboard sessions as rows: a sign-in creates one, every cookie-authenticated
// request checks it, and signing out (here or everywhere) revokes it, so a copied
// cookie stops working at once instead of when it expires.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { withActor, withAuthService } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { userSessions } from '@/lib/db/schema/sessions';
import { AppError, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { revokeAllRefreshTokens } from './refresh-tokens';
import type { RequestMeta } from './meta';
import type { Caller } from './resolve-caller';

/** Writing last_seen_at on every request would turn each read into a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const asUser = (userId: string, meta: RequestMeta = {}) => ({ kind: 'user' as const, userId, ...meta });

export const sessionRevoked = () =>
  new AppError(401, 'session_revoked', 'This session was signed out; sign in again');

/** Records a new sign-in and returns the session id the cookie carries. */
export async function startUserSession(userId: string, meta: RequestMeta, maxAgeSeconds: number): Promise<string> {
  return withActor(asUser(userId, meta), async (tx) => {
    const [row] = await tx
      .insert(userSessions)
      .values({
        userId,
        ipAddress: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
      })
      .returning({ id: userSessions.id });
    return row.id;
  });
}

/**
 * Inside the caller's transaction (RLS as that user): the session must exist,
 * belong to them, be neither revoked nor expired. Cookies without a session id
 * predate revocable sessions and cannot be revoked, so they are refused too.
 */
export async function assertSessionActive(tx: Tx, userId: string, sessionId: string | undefined): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) throw sessionRevoked();
  const [row] = await tx
    .select({ lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.id, sessionId),
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, sql`now()`),
      ),
    );
  if (!row) throw sessionRevoked();
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await tx.update(userSessions).set({ lastSeenAt: sql`now()` }).where(eq(userSessions.id, sessionId));
  }
}

/** For next-auth's jwt callback: false once the session was revoked. */
export async function isSessionActive(userId: string, sessionId: string | undefined): Promise<boolean> {
  try {
    await withActor(asUser(userId), (tx) => assertSessionActive(tx, userId, sessionId));
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'session_revoked') return false;
    throw err;
  }
}

/** Sign-out of this browser: the cookie's session is revoked. */
export async function endUserSession(userId: string, sessionId: string | undefined): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) return;
  await withActor(asUser(userId), (tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt))),
  );
}

export interface SessionView {
  id: string;
  user_agent: string | null;
  ip_address: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  current: boolean;
}

export async function listUserSessions(caller: Caller): Promise<SessionView[]> {
  const rows = await withActor(asUser(caller.user.id), (tx) =>
    tx
      .select()
      .from(userSessions)
      .where(
        and(eq(userSessions.userId, caller.user.id), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)),
      )
      .orderBy(desc(userSessions.lastSeenAt)),
  );
  return rows.map((r) => ({
    id: r.id,
    user_agent: r.userAgent,
    ip_address: r.ipAddress,
    created_at: r.createdAt.toISOString(),
    last_seen_at: r.lastSeenAt.toISOString(),
    expires_at: r.expiresAt.toISOString(),
    current: r.id === caller.sessionId,
  }));
}

export async function revokeUserSession(caller: Caller, sessionId: string): Promise<void> {
  await withActor({ ...caller.actor, workspaceId: undefined }, async (tx) => {
    const [row] = await tx
      .update(userSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, caller.user.id), isNull(userSessions.revokedAt)))
      .returning({ id: userSessions.id });
    if (!row) throw notFound('Session');
    await recordAudit(tx, caller.actor, {
      action: 'revoke_session',
      entityType: 'user_session',
      entityId: row.id,
      workspaceId: null,
    });
  });
}

/** "Sign out everywhere": every dashboard session and every refresh token of the user. */
export async function revokeAllUserSessions(caller: Caller): Promise<{ revoked: number }> {
  const revoked = await withActor({ ...caller.actor, workspaceId: undefined }, async (tx) => {
    const rows = await tx
      .update(userSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(userSessions.userId, caller.user.id), isNull(userSessions.revokedAt)))
      .returning({ id: userSessions.id });
    await recordAudit(tx, caller.actor, {
      action: 'revoke_all_sessions',
      entityType: 'user',
      entityId: caller.user.id,
      newValues: { sessions: rows.length },
      workspaceId: null,
    });
    return rows.length;
  });
  // Refresh tokens are the auth module's own table (no policy for members).
  await withAuthService((tx) => revokeAllRefreshTokens(tx, caller.user.id));
  return { revoked };
}
