// Who is calling: a Bearer access token or the dashboard session cookie, and in
// which workspace (X-Tenant-ID, else the last used, else the oldest membership).
import { eq } from 'drizzle-orm';
import { getToken } from 'next-auth/jwt';
import { withActor, type MemberActor, type UserActor } from '@/lib/db/actor';
import { users, type workspaces } from '@/lib/db/schema/core';
import { AppError, unauthorized } from '@/lib/api/errors';
import { listMemberships, pickMembership, type MembershipView } from '@/lib/workspaces/resolve-membership';
import { verifyAccessToken } from './access-token';
import { authSecret } from './secret';
import type { Role } from './permissions';
import type { RequestMeta } from './meta';
import { SESSION_COOKIE, SECURE_SESSION_COOKIE } from './session-cookie';
import { assertSessionActive } from './user-sessions';

type UserRow = typeof users.$inferSelect;
type WorkspaceRow = typeof workspaces.$inferSelect;

export type { UserActor, MemberActor };

export interface Caller {
  via: 'bearer' | 'session';
  user: UserRow;
  actor: UserActor;
  memberships: MembershipView[];
  workspace?: WorkspaceRow;
  role?: Role;
  /** The dashboard session (user_sessions row) behind a session cookie. */
  sessionId?: string;
}
export interface WorkspaceCaller extends Caller {
  workspace: WorkspaceRow;
  role: Role;
  actor: MemberActor;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Identity {
  userId: string;
  issuedAt: number;
  via: Caller['via'];
  sessionId?: string;
}

/** Who the request says it is (token or cookie checked, no database): the route wrapper
 * rate-limits on this before it opens the request's one transaction. */
export async function identify(req: Request): Promise<Identity | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!m) throw new AppError(401, 'invalid_token', 'Authorization header must be "Bearer <access token>"');
    const claims = await verifyAccessToken(m[1]);
    return { userId: claims.user_id, issuedAt: claims.iat, via: 'bearer' };
  }
  const cookie = req.headers.get('cookie') ?? '';
  const secure = cookie.includes(`${SECURE_SESSION_COOKIE}=`);
  if (!secure && !cookie.includes(`${SESSION_COOKIE}=`)) return null;
  const token = await getToken({
    req,
    secret: authSecret(),
    secureCookie: secure,
    cookieName: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
    salt: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
  });
  if (!token?.uid || typeof token.uid !== 'string') return null;
  const sessionId = typeof token.sid === 'string' ? token.sid : undefined;
  return { userId: token.uid, issuedAt: Number(token.authAt ?? token.iat ?? 0), via: 'session', sessionId };
}

export async function resolveCaller(
  req: Request,
  meta: RequestMeta,
  opts: { requireWorkspace: boolean },
  identified?: Identity | null,
): Promise<Caller | null> {
  const who = identified !== undefined ? identified : await identify(req);
  if (!who) return null;
  const requested = req.headers.get('x-tenant-id')?.trim() || null;
  if (requested && !UUID.test(requested)) {
    throw new AppError(400, 'validation_error', 'X-Tenant-ID must be a workspace id (UUID)', {
      fields: [{ field: 'X-Tenant-ID', message: 'must be a UUID' }],
    });
  }
  const base: UserActor = { kind: 'user', userId: who.userId, ...meta };
  const { user, all } = await withActor(base, async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, who.userId));
    if (u && who.via === 'session') await assertSessionActive(tx, u.id, who.sessionId);
    return { user: u, all: u ? await listMemberships(tx, u.id) : [] };
  });
  if (!user) throw unauthorized('Account no longer exists', 'invalid_token');
  // Sessions and tokens issued before a password change are void.
  if (who.issuedAt && who.issuedAt + 1 < Math.floor(user.passwordChangedAt.getTime() / 1000)) {
    throw new AppError(401, 'token_expired', 'Your password was changed; log in again');
  }
  const picked = pickMembership(all, requested, user.lastWorkspaceId);
  if (requested && !picked) {
    throw new AppError(403, 'not_a_member', 'You are not a member of the workspace in X-Tenant-ID');
  }
  if (opts.requireWorkspace && !picked) {
    throw new AppError(403, 'not_a_member', 'You are not a member of any workspace');
  }
  return {
    via: who.via,
    user,
    memberships: all,
    workspace: picked?.workspace,
    role: picked?.role,
    sessionId: who.sessionId,
    actor: { ...base, workspaceId: picked?.workspace.id, role: picked?.role },
  };
}
