// Runs before every request: a request id for logs and responses, CORS for API
// clients from the allowed origins, and a cheap redirect of signed-out visitors.
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const PUBLIC_PAGES = ['/login', '/register', '/forgot-password', '/reset-password', '/docs'];

function allowedOrigins(): string[] {
  return getEnv().CORS_ORIGINS;
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Tenant-ID, X-Request-Id',
    'Access-Control-Expose-Headers': 'X-Request-Id, Retry-After',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

export function proxy(req: NextRequest) {
  const requestId = req.headers.get('x-request-id') && /^[A-Za-z0-9._-]{6,100}$/.test(req.headers.get('x-request-id')!)
    ? req.headers.get('x-request-id')!
    : crypto.randomUUID();
  const { pathname } = req.nextUrl;
  const origin = req.headers.get('origin');
  const isApi = pathname.startsWith('/api/');
  const corsOk = isApi && origin && allowedOrigins().includes(origin);

  if (isApi && req.method === 'OPTIONS') {
    if (!corsOk) return new NextResponse(null, { status: 403, headers: { 'X-Request-Id': requestId } });
    return new NextResponse(null, { status: 204, headers: { ...corsHeaders(origin!), 'X-Request-Id': requestId } });
  }

  if (!isApi && !pathname.startsWith('/_next') && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const signedIn = SESSION_COOKIES.some((c) => req.cookies.has(c));
    if (!signedIn && (pathname === '/' || pathname.startsWith('/dashboard') || pathname.startsWith('/w/') || pathname.startsWith('/invite'))) {
      const url = req.nextUrl.clone();
      url.pathname = '/login';
      url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + req.nextUrl.search)}`;
      return NextResponse.redirect(url);
    }
  }

  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('X-Request-Id', requestId);
  if (corsOk) for (const [k, v] of Object.entries(corsHeaders(origin!))) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|jpg|webp)$).*)'],
};
