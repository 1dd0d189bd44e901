// Exchanges a refresh token for a new pair (rotation; reuse revokes the family).
import { eq } from 'drizzle-orm';
import { withAuthService } from '@/lib/db/actor';
import { users } from '@/lib/db/schema/core';
import { unauthorized } from '@/lib/api/errors';
import { consume } from '@/lib/ratelimit/limits';
import { listMemberships, pickMembership } from '@/lib/workspaces/resolve-membership';
import { consumeRefreshToken } from './refresh-tokens';
import { signAccessToken, ACCESS_TOKEN_TTL_SECONDS } from './access-token';
import { presentUser } from './present-user';
import type { RequestMeta } from './meta';
import type { TokenPair } from './issue-session';

export async function refreshSession(token: string | undefined | null, meta: RequestMeta) {
  if (!token) throw unauthorized('Refresh token is required (body refresh_token or the refresh cookie)', 'invalid_token');
  if (meta.ip) await consume('authIp', meta.ip);
  const { userId, next } = await consumeRefreshToken(token, meta);
  return withAuthService(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw unauthorized('Account no longer exists', 'invalid_token');
    const current = pickMembership(await listMemberships(tx, user.id), null, user.lastWorkspaceId);
    const plan = current?.workspace.subscriptionPlan ?? 'trial';
    const tokens: TokenPair = {
      access_token: await signAccessToken({ user_id: user.id, email: user.email, subscription_plan: plan }),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      refresh_token: next.token,
      refresh_token_expires_at: next.expiresAt.toISOString(),
    };
    return { user: presentUser(user, current?.workspace, current?.role), tokens };
  });
}
