// Runs before every request: a request id for logs and responses, CORS for API
// clients from the allowed origins, a cheap redirect of signed-out visitors, the
// security headers (CSP with a fresh nonce for pages), and a 400 for paths that
// are not valid percent-encoding (Next.js would answer those with a bare 500).
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';

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

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badPath(req: NextRequest, requestId: string, isApi: boolean): NextResponse {
  // One JSON line in the same shape as the app's logger (pino is not loaded in the proxy).
  console.warn(
    JSON.stringify({
      level: 'WARN',
      time: new Date().toISOString(),
      service: 'salesagent',
      request_id: requestId,
      method: req.method,
      path: req.nextUrl.pathname.slice(0, 300),
      status: 400,
      msg: 'malformed percent-encoding in path',
    }),
  );
  const headers = { 'X-Request-Id': requestId, 'X-Content-Type-Options': 'nosniff' };
  const message = 'The path is not valid percent-encoding';
  if (!isApi) return new NextResponse(message, { status: 400, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return NextResponse.json(
    { error: { code: 'invalid_path', message, details: null, request_id: requestId } },
    { status: 400, headers },
  );
}

export function proxy(req: NextRequest) {
  const requestId = req.headers.get('x-request-id') && /^[A-Za-z0-9._-]{6,100}$/.test(req.headers.get('x-request-id')!)
    ? req.headers.get('x-request-id')!
    : crypto.randomUUID();
  const { pathname } = req.nextUrl;
  const origin = req.headers.get('origin');
  const isApi = pathname.startsWith('/api/');
  const corsOk = isApi && origin && allowedOrigins().includes(origin);
  if (!decodablePath(pathname)) return badPath(req, requestId, isApi);
  const env = getEnv();
  const nonce = isApi ? undefined : newNonce();
  const security = securityHeaders({
    nonce,
    pathname,
    dev: env.NODE_ENV === 'development',
    https: env.APP_URL?.startsWith('https:') ?? false,
  });

  // The widget's public endpoints answer their own preflight: CORS per widget key (app/api/widget).
  if (isApi && req.method === 'OPTIONS' && !pathname.startsWith('/api/widget/')) {
    if (!corsOk) return new NextResponse(null, { status: 403, headers: { 'X-Request-Id': requestId } });
    return new NextResponse(null, { status: 204, headers: { ...corsHeaders(origin!), 'X-Request-Id': requestId } });
  }

  if (!isApi && !pathname.startsWith('/_next') && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const signedIn = SESSION_COOKIES.some((c) => req.cookies.has(c));
    if (!signedIn && (pathname === '/' || pathname.startsWith('/dashboard') || pathname.startsWith('/w/') || pathname.startsWith('/invite'))) {
      const url = req.nextUrl.clone();
      url.pathname = '/login';
      url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + req.nextUrl.search)}`;
      const redirect = NextResponse.redirect(url);
      for (const [k, v] of Object.entries(security)) redirect.headers.set(k, v);
      return redirect;
    }
  }

  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  if (nonce) {
    headers.set('content-security-policy', security['Content-Security-Policy']);
    headers.set('x-nonce', nonce);
  } else {
    headers.delete('content-security-policy');
    headers.delete('x-nonce');
  }
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('X-Request-Id', requestId);
  for (const [k, v] of Object.entries(security)) res.headers.set(k, v);
  if (corsOk) for (const [k, v] of Object.entries(corsHeaders(origin!))) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|jpg|webp)$).*)'],
};
