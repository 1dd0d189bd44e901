// A dashboard session cookie as next-auth would set it after a sign-in: a
// user_sessions row (lib/auth/user-sessions.ts) and a JWT naming it.
import { encode } from 'next-auth/jwt';
import { startUserSession } from '@/lib/auth/user-sessions';

export async function sessionCookie(
  userId: string,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await startUserSession(userId, meta, 30 * 24 * 60 * 60);
  const token = await encode({
    token: { uid: userId, sub: userId, sid: sessionId, authAt: Math.floor(Date.now() / 1000) },
    secret: process.env.AUTH_SECRET!,
    salt: 'authjs.session-token',
  });
  return { cookie: `authjs.session-token=${token}`, sessionId };
}
