// `npm run dev` opened at http://127.0.0.1:<port> must get its dev scripts, or the
// page never becomes interactive (forms then submit natively). Checked with Next.js's
// own guard, fed the allowedDevOrigins our next.config.ts declares.
import { describe, expect, it } from 'vitest';
import { blockCrossSiteDEV } from 'next/dist/server/lib/router-utils/block-cross-site-dev';
import nextConfig from '@/next.config';
import { devOrigins } from '@/lib/env/dev-origins';

function devScriptRequest(origin: string) {
  const req = {
    url: '/_next/static/chunks/app/layout.js',
    headers: { origin, 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-origin' },
  };
  const res = { statusCode: 200, end: () => undefined };
  return { req, res };
}

/** true when Next.js would refuse the dev resource, as `next dev` started on localhost does. */
function blocked(origin: string, allowed: string[] | undefined): boolean {
  const { req, res } = devScriptRequest(origin);
  return blockCrossSiteDEV(req as never, res as never, allowed, 'localhost');
}

describe('allowedDevOrigins', () => {
  it('Next.js refuses 127.0.0.1 without the setting (what made the dev server look dead)', () => {
    expect(blocked('http://127.0.0.1:3000', undefined)).toBe(true);
  });

  it.each(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])('next.config.ts lets %s load dev resources', (origin) => {
    expect(blocked(origin, nextConfig.allowedDevOrigins)).toBe(false);
  });

  it('adds the host of APP_URL and still refuses strangers', () => {
    const allowed = devOrigins('http://sales.lan:3000');
    expect(blocked('http://sales.lan:3000', allowed)).toBe(false);
    expect(blocked('http://evil.example', allowed)).toBe(true);
  });
});
