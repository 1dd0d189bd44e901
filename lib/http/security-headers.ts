// The security headers of every response the proxy passes: a nonce-based
// Content-Security-Policy for pages (Next.js puts the nonce on its own scripts),
// no framing except for the embeddable web-chat widget, no referrer leaks
// across origins, no powerful browser features, and HSTS when served over https.

/** The one path family other sites may frame: the future embeddable web-chat widget. */
export const WIDGET_PATH = '/widget';

export interface SecurityHeaderOptions {
  /** Fresh per request; absent for API responses (JSON needs no script policy). */
  nonce?: string;
  pathname: string;
  /** `next dev` needs eval for React's debugging aids. */
  dev: boolean;
  /** The app is served over https (APP_URL says so). */
  https: boolean;
}

export function isWidgetPath(pathname: string): boolean {
  return pathname === WIDGET_PATH || pathname.startsWith(`${WIDGET_PATH}/`);
}

export function contentSecurityPolicy({ nonce, pathname, dev, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Components set style attributes at run time (Radix positioning, toasts): styles stay inline-capable.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    isWidgetPath(pathname) ? 'frame-ancestors *' : "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

export function securityHeaders(opts: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  if (!isWidgetPath(opts.pathname)) headers['X-Frame-Options'] = 'DENY';
  if (opts.nonce) headers['Content-Security-Policy'] = contentSecurityPolicy(opts);
  if (opts.https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
