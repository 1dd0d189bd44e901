// Password login, shared by the dashboard (next-auth credentials) and POST /api/auth/login.
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { withAuthService } from '@/lib/db/actor';
import { userCredentials, users } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import { consume } from '@/lib/ratelimit/limits';
import { listMemberships, pickMembership } from '@/lib/workspaces/resolve-membership';
import { burnPasswordCheck, verifyPassword } from './password';
import { loginSchema } from './schemas';
import { presentUser } from './present-user';
import { issueTokenPair } from './issue-session';
import type { RequestMeta } from './meta';

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Email or password is incorrect');

/** Checks the password under the auth rate limits; returns the user row. */
export async function authenticate(raw: unknown, meta: RequestMeta) {
  const { email, password } = loginSchema.parse(raw);
  if (meta.ip) await consume('authIp', meta.ip);
  // The strict limit keys on account and address together: five wrong guesses from one
  // place slow that place down without locking the owner out everywhere.
  await consume('authAccount', `login:${email}|${meta.ip ?? 'unknown'}`);
  await consume('authAccountCeiling', `login:${email}`);
  const [row] = await withAuthService((tx) =>
    tx
      .select({ user: getTableColumns(users), passwordHash: userCredentials.passwordHash })
      .from(users)
      .leftJoin(userCredentials, eq(userCredentials.userId, users.id))
      .where(sql`lower(${users.email}) = ${email}`)
      .limit(1),
  );
  if (!row?.passwordHash) {
    await burnPasswordCheck(password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(row.passwordHash, password))) throw invalidCredentials();
  return row.user;
}

export async function loginUser(raw: unknown, meta: RequestMeta) {
  const user = await authenticate(raw, meta);
  return withAuthService(async (tx) => {
    const all = await listMemberships(tx, user.id);
    const current = pickMembership(all, null, user.lastWorkspaceId);
    const tokens = await issueTokenPair(tx, user, current?.workspace.subscriptionPlan ?? 'trial', meta);
    return { user: presentUser(user, current?.workspace, current?.role), tokens };
  });
}
