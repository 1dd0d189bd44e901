// Races that real users produce: double-submitted refreshes and sign-ups.
// On PGlite they serialise; the TEST_DATABASE_URL lane runs them on a real pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

describe(`concurrent requests (${onRealServer ? 'real PostgreSQL pool' : 'PGlite'})`, () => {
  it('two simultaneous refreshes of one token: exactly one succeeds', async () => {
    for (let round = 0; round < 5; round++) {
      const u = await registerUser();
      const results = await Promise.all([
        api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh } }),
        api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh } }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 401]);
      const [{ n }] = await db.query<{ n: number }>(
        `select count(*)::int as n from refresh_tokens where user_id = $1 and used_at is not null`,
        [u.userId],
      );
      expect(n).toBe(1);
    }
  });

  it('two simultaneous registrations of one email: exactly one account', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `race${round}-${Date.now()}@example.com`;
      const body = { email, password: 'concurrent-signup-1', full_name: 'Racer', company_name: 'Race' };
      const results = await Promise.all([
        api('POST', '/api/auth/register', { body, headers: { 'x-forwarded-for': `10.9.${round}.1` } }),
        api('POST', '/api/auth/register', { body, headers: { 'x-forwarded-for': `10.9.${round}.2` } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from users where lower(email) = $1`, [email]);
      expect(n).toBe(1);
      const [{ w }] = await db.query<{ w: number }>(
        `select count(*)::int as w from workspaces w join users u on u.id = w.created_by where lower(u.email) = $1`,
        [email],
      );
      expect(w).toBe(1);
    }
  });
});
