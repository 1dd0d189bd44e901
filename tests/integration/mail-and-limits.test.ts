import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { mailText, startFakeSmtp } from '../fakes/smtp-server';
import { settleOutbox } from '../helpers/outbox';
import { resetEnvCache } from '@/lib/env';
import { resetMailTransport } from '@/lib/mail/send-mail';
import { consume, resetLimiters } from '@/lib/ratelimit/limits';
import { proxy } from '@/proxy';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

function withEnv(vars: Record<string, string>, fn: () => Promise<void>) {
  return async () => {
    Object.assign(process.env, vars);
    resetEnvCache();
    resetLimiters();
    try {
      await fn();
    } finally {
      for (const k of Object.keys(vars)) delete process.env[k];
      resetEnvCache();
      resetLimiters();
    }
  };
}

describe('mail over SMTP', () => {
  it('sends the reset link through SMTP when SMTP_URL is set', async () => {
    const smtp = await startFakeSmtp();
    const u = await registerUser();
    process.env.SMTP_URL = smtp.url;
    resetEnvCache();
    resetMailTransport();
    try {
      const r = await api('POST', '/api/auth/forgot-password', { body: { email: u.email } });
      expect(r.status).toBe(202);
      await settleOutbox(db);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0].to).toEqual([u.email]);
      expect(smtp.mails[0].data).toMatch(/^Subject: /m);
      expect(mailText(smtp.mails[0].data)).toMatch(/http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{40,}/);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
      resetMailTransport();
      await smtp.close();
    }
  });
});

describe('rate limits', () => {
  it(
    'reads are limited per user with a configurable limit and 429 + Retry-After',
    withEnv({ RATE_LIMIT_READ_PER_MIN: '3' }, async () => {
      const u = await registerUser();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await api('GET', '/api/user/profile', { token: u.token })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const other = await registerUser();
      expect((await api('GET', '/api/user/profile', { token: other.token })).status).toBe(200);
    }),
  );

  it(
    'writes are limited separately from reads (CRUD 60/min by default)',
    withEnv({ RATE_LIMIT_CRUD_PER_MIN: '2' }, async () => {
      const u = await registerUser();
      const writes = [];
      for (let i = 0; i < 3; i++) writes.push((await api('PATCH', '/api/user/profile', { token: u.token, body: { full_name: `N${i}` } })).status);
      expect(writes).toEqual([200, 200, 429]);
      expect((await api('GET', '/api/user/profile', { token: u.token })).status).toBe(200);
    }),
  );

  it(
    'with RATE_LIMIT_STORE=postgres the counters live in the database, so a second app instance sees them',
    withEnv({ RATE_LIMIT_CHAT_PER_MIN: '2', RATE_LIMIT_STORE: 'postgres' }, async () => {
      await consume('chat', 'user:shared');
      resetLimiters(); // a fresh limiter, as in another process
      await consume('chat', 'user:shared');
      resetLimiters();
      await expect(consume('chat', 'user:shared')).rejects.toMatchObject({ status: 429 });
      const [row] = await db.query<{ points: number }>(`select points from app.rate_limits where key = 'rl:chat:user:shared'`);
      expect(row.points).toBeGreaterThanOrEqual(3);
    }),
  );
});

describe('CORS', () => {
  it(
    'answers preflights only for allowed origins and adds the headers to API responses',
    withEnv({ CORS_ORIGINS: 'https://crm.example.com' }, async () => {
      const ok = proxy(new NextRequest('http://localhost/api/agents', { method: 'OPTIONS', headers: { origin: 'https://crm.example.com' } }));
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
      expect(ok.headers.get('access-control-allow-headers')).toContain('X-Tenant-ID');
      const bad = proxy(new NextRequest('http://localhost/api/agents', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }));
      expect(bad.status).toBe(403);
      const get = proxy(new NextRequest('http://localhost/api/health', { headers: { origin: 'https://evil.example' } }));
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
      expect(get.headers.get('x-request-id')).toBeTruthy();
    }),
  );

  it('sends signed-out visitors of the dashboard to the login page', () => {
    const r = proxy(new NextRequest('http://localhost/dashboard/team'));
    expect(r.status).toBe(307);
    expect(r.headers.get('location')).toBe('http://localhost/login?next=%2Fdashboard%2Fteam');
  });
});
