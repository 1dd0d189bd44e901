import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { devOrigins } from './lib/env/dev-origins';
import { getEnv } from './lib/env';
import { uploadRequestMaxBytes } from './lib/storage/upload-limits';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-pgvector',
    '@node-rs/argon2',
    'pino',
    'pg',
    'rate-limiter-flexible',
    'nodemailer',
    'unpdf',
    'mammoth',
  ],
  poweredByHeader: false,
  // `next dev` serves its scripts only to localhost unless told otherwise; opened at
  // http://127.0.0.1:3000 (or APP_URL) the page would never become interactive.
  allowedDevOrigins: devOrigins(getEnv().APP_URL),
  experimental: {
    // The build writes a ~200 MB Turbopack cache for the next build (10 s of a CI run's build,
    // minutes on a busy disk); a clean clone has nothing to reuse it, so the test runner turns it
    // off there (scripts/test.mjs). Any other build keeps Next's default.
    ...(process.env.NEXT_BUILD_CACHE === 'off' ? { turbopackFileSystemCacheForBuild: false } : {}),
    serverActions: { bodySizeLimit: '25mb' },
    // The proxy buffers a copy of each body and silently cuts it past this size (10 MB by
    // default), so uploads would reach their route truncated. Let through the largest upload
    // a route accepts plus a margin; the routes themselves answer 413 beyond their limits.
    proxyClientMaxBodySize: uploadRequestMaxBytes(getEnv()) + 1024 * 1024,
  },
};

export default withNextIntl(nextConfig);
