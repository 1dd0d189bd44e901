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
  it('two simultaneous refreshes of one token: one rotation, both get the same successor, which keeps working', async () => {
    for (let round = 0; round < 5; round++) {
      const u = await registerUser();
      const results = await Promise.all([
        api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh } }),
        api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh } }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const [a, b] = results.map((r) => r.body.refresh_token as string);
      expect(a).toBe(b);
      const [{ n }] = await db.query<{ n: number }>(
        `select count(*)::int as n from refresh_tokens where user_id = $1 and used_at is not null`,
        [u.userId],
      );
      expect(n).toBe(1);
      // The user is still signed in: the winner's token refreshes, and so does its successor.
      const again = await api('POST', '/api/auth/refresh', { body: { refresh_token: a } });
      expect(again.status).toBe(200);
      expect((await api('GET', '/api/user/profile', { token: again.body.access_token })).status).toBe(200);
      const third = await api('POST', '/api/auth/refresh', { body: { refresh_token: again.body.refresh_token } });
      expect(third.status).toBe(200);
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
