// Auth edge cases: a repeated refresh must not sign the user out, and login limits
// must slow guessing without letting an attacker lock the owner out.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { resetLimiters } from '@/lib/ratelimit/limits';
import { resetEnvCache } from '@/lib/env';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);
beforeEach(async () => {
  resetLimiters();
  await db.query('delete from app.rate_limits');
});

let n = 0;
const from = (a: number, b: number) => ({ 'x-forwarded-for': `198.51.${a}.${b}` });
const fresh = () => from(100 + (n % 100), ++n % 250);
const refresh = (token: string) => api('POST', '/api/auth/refresh', { body: { refresh_token: token }, headers: fresh() });
const ageUsedTokens = (userId: string, seconds: number) =>
  db.query(`update refresh_tokens set used_at = used_at - ($2 || ' seconds')::interval where user_id = $1 and used_at is not null`, [userId, String(seconds)]);

describe('repeated refresh (grace window)', () => {
  it('a repeat within the window gets the same successor and nobody is signed out', async () => {
    const u = await registerUser();
    const first = await refresh(u.refresh);
    const repeat = await refresh(u.refresh);
    expect(first.status).toBe(200);
    expect(repeat.status).toBe(200);
    expect(repeat.body.refresh_token).toBe(first.body.refresh_token);
    expect((await api('GET', '/api/user/profile', { token: repeat.body.access_token })).status).toBe(200);
    // The winner's token still works.
    const next = await refresh(first.body.refresh_token);
    expect(next.status).toBe(200);
    const [{ revoked }] = await db.query<{ revoked: number }>(
      `select count(*)::int as revoked from refresh_tokens where user_id = $1 and revoked_at is not null`,
      [u.userId],
    );
    expect(revoked).toBe(0);
  });

  it('a replay after the window still revokes the whole family', async () => {
    const u = await registerUser();
    const first = await refresh(u.refresh);
    expect(first.status).toBe(200);
    await ageUsedTokens(u.userId, 11);
    const replay = await refresh(u.refresh);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('token_reused');
    expect((await refresh(first.body.refresh_token)).status).toBe(401);
  });

  it('a repeat after the successor already rotated answers 409 and revokes nothing', async () => {
    const u = await registerUser();
    const t1 = await refresh(u.refresh);
    const t2 = await refresh(t1.body.refresh_token);
    expect(t2.status).toBe(200);
    const late = await refresh(u.refresh);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('token_superseded');
    expect((await refresh(t2.body.refresh_token)).status).toBe(200);
  });

  it('keeps the successor only sealed, and forgets it after the window', async () => {
    const u = await registerUser();
    const first = await refresh(u.refresh);
    const rows = await db.query<{ sealed: string | null }>(
      `select successor_sealed as sealed from refresh_tokens where user_id = $1 and used_at is not null`,
      [u.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].sealed).toBeTruthy();
    expect(rows[0].sealed).not.toContain(first.body.refresh_token);
    expect(Buffer.from(rows[0].sealed!, 'base64url').toString('latin1')).not.toContain(first.body.refresh_token);
    await ageUsedTokens(u.userId, 11);
    // Any later refresh clears sealed copies whose window has passed.
    const other = await registerUser();
    expect((await refresh(other.refresh)).status).toBe(200);
    const [{ left }] = await db.query<{ left: number }>(
      `select count(*)::int as left from refresh_tokens where user_id = $1 and successor_sealed is not null`,
      [u.userId],
    );
    expect(left).toBe(0);
  });
});

describe('login limits: per account and address, with a looser ceiling per account', () => {
  afterEach(() => {
    delete process.env.RATE_LIMIT_AUTH_ACCOUNT_CEILING_PER_MIN;
    resetEnvCache();
    resetLimiters();
  });

  const login = (email: string, password: string, headers: Record<string, string>) =>
    api('POST', '/api/auth/login', { body: { email, password }, headers });

  it('five wrong passwords from an attacker do not lock the owner out from elsewhere', async () => {
    const owner = await registerUser();
    const attacker = from(7, 7);
    for (let i = 0; i < 5; i++) expect((await login(owner.email, 'guess-password-' + i, attacker)).status).toBe(401);
    const sixth = await login(owner.email, 'guess-password-6', attacker);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');
    // The owner, at home, signs in.
    const home = await login(owner.email, owner.password, from(8, 8));
    expect(home.status).toBe(200);
  });

  it('guessing spread over many addresses hits the per-account ceiling (20/min by default)', async () => {
    const owner = await registerUser();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login(owner.email, 'spread-guess-' + i, from(20, i + 1))).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('the ceiling is configurable', async () => {
    process.env.RATE_LIMIT_AUTH_ACCOUNT_CEILING_PER_MIN = '3';
    resetEnvCache();
    resetLimiters();
    const owner = await registerUser();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(owner.email, 'spread-guess-' + i, from(30, i + 1))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
