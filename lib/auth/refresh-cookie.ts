// The refresh token also travels as an httpOnly cookie scoped to /api/auth.
import { REFRESH_COOKIE } from './session-cookie';
import { REFRESH_TOKEN_TTL_SECONDS } from './refresh-tokens';

function secure(req: Request): boolean {
  return new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
}

export function setRefreshCookie(res: Response, req: Request, token: string): Response {
  const attrs = [
    `${REFRESH_COOKIE}=${token}`,
    'Path=/api/auth',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${REFRESH_TOKEN_TTL_SECONDS}`,
    ...(secure(req) ? ['Secure'] : []),
  ];
  res.headers.append('Set-Cookie', attrs.join('; '));
  return res;
}

export function clearRefreshCookie(res: Response): Response {
  res.headers.append('Set-Cookie', `${REFRESH_COOKIE}=; Path=/api/auth; HttpOnly; SameSite=Strict; Max-Age=0`);
  return res;
}

export function readRefreshCookie(req: Request): string | undefined {
  const cookie = req.headers.get('cookie') ?? '';
  const m = new RegExp(`(?:^|;\\s*)${REFRESH_COOKIE}=([^;]+)`).exec(cookie);
  return m?.[1];
}
