import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { devOrigins } from './lib/env/dev-origins';
import { getEnv } from './lib/env';

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
    serverActions: { bodySizeLimit: '25mb' },
  },
};

export default withNextIntl(nextConfig);
