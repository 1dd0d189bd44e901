// Dashboard sessions: next-auth with email + password (argon2id), JWT sessions.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { AppError } from '@/lib/api/errors';
import { clientIpFrom } from '@/lib/api/client-ip';
import { authSecret } from './secret';
import { authenticate } from './login';
import { endUserSession, isSessionActive, startUserSession } from './user-sessions';

/** Carries our error code (invalid_credentials, rate_limited, ...) to the login form. */
export class LoginFailed extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      // next-auth hands over the request (built from the incoming headers, also when
      // signIn() runs inside a server action), so the per-IP limit applies here too.
      async authorize(credentials, request) {
        try {
          const meta = {
            ip: clientIpFrom(request.headers),
            userAgent: request.headers.get('user-agent'),
          };
          const user = await authenticate(credentials, meta);
          // A row per sign-in: the cookie names it, and revoking it ends the session.
          const sid = await startUserSession(user.id, meta, SESSION_MAX_AGE_SECONDS);
          return { id: user.id, email: user.email, name: user.fullName, sid };
        } catch (err) {
          if (err instanceof AppError) {
            // The code is all next-auth carries back: append the wait for rate limits.
            const wait = (err.details as { retry_after_seconds?: number } | undefined)?.retry_after_seconds;
            throw new LoginFailed(err.code === 'rate_limited' && wait ? `rate_limited:${wait}` : err.code);
          }
          if ((err as { name?: string }).name === 'ZodError') throw new LoginFailed('validation_error');
          throw err;
        }
      },
    }),
  ],
  events: {
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (typeof token?.uid === 'string') await endUserSession(token.uid, token.sid as string | undefined);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sid = (user as { sid?: string }).sid;
        token.authAt = Math.floor(Date.now() / 1000);
        return token;
      }
      // A revoked session is over here too (next-auth then drops the cookie).
      if (typeof token.uid !== 'string' || !(await isSessionActive(token.uid, token.sid as string | undefined))) return null;
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) (session.user as { id?: string }).id = token.uid as string;
      return session;
    },
  },
}));
