import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { signAccessToken } from '@/lib/auth/access-token';
import type { Database } from '@/lib/db/client';
import { resetLimiters } from '@/lib/ratelimit/limits';
import { captureLogs } from '../helpers/logs';
import { settleOutbox } from '../helpers/outbox';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);
// Fresh counters for every case: limiter objects and their rows in the database.
beforeEach(async () => {
  resetLimiters();
  await db.query('delete from app.rate_limits');
});

const ip = () => ({ 'x-forwarded-for': `192.168.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

describe('registration', () => {
  it('creates a user with a trial workspace and returns tokens and a refresh cookie', async () => {
    const res = await api('POST', '/api/auth/register', {
      body: { email: 'Anna@Example.com', password: 'kvartira-na-abaya-17', full_name: 'Анна Ким', company_name: 'Ремонт телефонов' },
      headers: ip(),
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: 'anna@example.com',
      full_name: 'Анна Ким',
      subscription_plan: 'trial',
      company_name: 'Ремонт телефонов',
      ai_responses_limit: 500,
      ai_responses_used: 0,
      workspace: { role: 'owner' },
    });
    const trialDays = (Date.parse(res.body.user.trial_ends_at) - Date.now()) / 86_400_000;
    expect(trialDays).toBeGreaterThan(13.9);
    expect(trialDays).toBeLessThanOrEqual(14);
    expect(res.body.access_token.split('.')).toHaveLength(3);
    expect(res.body.expires_in).toBe(900);
    expect(res.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`sa_refresh=${res.body.refresh_token}`);
    expect(cookie).toContain('HttpOnly');
    expect(res.body.user).not.toHaveProperty('password_hash');
    const [row] = await db.query<{ password_hash: string }>(`select c.password_hash from user_credentials c join users u on u.id = c.user_id where u.email = 'anna@example.com'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a second account with the same email in any letter case', async () => {
    await registerUser({ email: 'dup@example.com' });
    const res = await api('POST', '/api/auth/register', {
      body: { email: 'DUP@example.com', password: 'another-good-pass-1', full_name: 'X' },
      headers: ip(),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
  });

  it.each([
    [{ email: 'not-an-email', password: 'long-enough-pass-1', full_name: 'A' }, 'email'],
    [{ email: 'a@b.co', password: 'short', full_name: 'A' }, 'password'],
    [{ email: 'a@b.co', password: 'x'.repeat(129), full_name: 'A' }, 'password'],
    [{ email: 'a@b.co', password: 'long-enough-pass-1' }, 'full_name'],
    [{ password: 'long-enough-pass-1', full_name: 'A' }, 'email'],
  ])('names the bad field in a 400 (%#)', async (body, field) => {
    const res = await api('POST', '/api/auth/register', { body, headers: ip() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.error.message).toContain(field);
  });

  it('refuses a common password with a clear message', async () => {
    const res = await api('POST', '/api/auth/register', {
      body: { email: 'weak@example.com', password: 'password123', full_name: 'W' },
      headers: ip(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ field: 'password' });
    expect(res.body.error.details.fields[0].message).toMatch(/too common/);
  });

  it('answers 415 for a non-JSON body and 400 for broken JSON', async () => {
    const a = await api('POST', '/api/auth/register', { body: 'email=x', headers: { 'content-type': 'text/plain' } });
    expect(a.status).toBe(415);
    expect(a.body.error.code).toBe('unsupported_media_type');
    const b = await api('POST', '/api/auth/register', { body: '{"email":', headers: ip() });
    expect(b.status).toBe(400);
    expect(b.body.error.code).toBe('invalid_json');
  });
});

describe('login', () => {
  it('logs in with the right password and refuses a wrong one or an unknown email the same way', async () => {
    const u = await registerUser();
    const ok = await api('POST', '/api/auth/login', { body: { email: u.email.toUpperCase(), password: u.password }, headers: ip() });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(u.userId);
    const me = await api('GET', '/api/user/profile', { token: ok.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(u.email);

    const wrong = await api('POST', '/api/auth/login', { body: { email: u.email, password: 'wrong-password-1' }, headers: ip() });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_credentials', message: 'Email or password is incorrect' });
    const unknown = await api('POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'whatever-1' }, headers: ip() });
    expect(unknown.status).toBe(401);
    expect({ ...unknown.body.error, request_id: null }).toEqual({ ...wrong.body.error, request_id: null });
  });

  it('answers the 6th login for one account from one address within a minute with 429 and Retry-After', async () => {
    const u = await registerUser();
    const from = ip();
    for (let i = 0; i < 5; i++) {
      const r = await api('POST', '/api/auth/login', { body: { email: u.email, password: i === 4 ? u.password : 'bad-password-1' }, headers: from });
      expect(r.status).not.toBe(429);
    }
    const sixth = await api('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, headers: from });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another account from the same place is not affected.
    const other = await registerUser();
    const r = await api('POST', '/api/auth/login', { body: { email: other.email, password: other.password }, headers: ip() });
    expect(r.status).toBe(200);
  });

  it('limits auth requests per IP across endpoints (30/min)', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await api('POST', '/api/auth/forgot-password', { body: { email: `ip${i}@example.com` }, headers });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses[30]).toBe(429);
    const login = await api('POST', '/api/auth/login', { body: { email: 'x@example.com', password: 'y-y-y-y-y' }, headers });
    expect(login.status).toBe(429);
  });
});

describe('access and refresh tokens', () => {
  it('rejects an expired access token with token_expired and a tampered one with invalid_token', async () => {
    const u = await registerUser();
    const expired = await signAccessToken(
      { user_id: u.userId, email: u.email, subscription_plan: 'trial' },
      Date.now() - 16 * 60 * 1000,
    );
    const r = await api('GET', '/api/user/profile', { token: expired });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_expired');
    const tampered = u.token.slice(0, -3) + (u.token.endsWith('A') ? 'BBB' : 'AAA');
    const t = await api('GET', '/api/user/profile', { token: tampered });
    expect(t.status).toBe(401);
    expect(t.body.error.code).toBe('invalid_token');
    const none = await api('GET', '/api/user/profile');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
  });

  it('rotates the refresh token on every use', async () => {
    const u = await registerUser();
    const r1 = await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh }, headers: ip() });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(u.refresh);
    expect((await api('GET', '/api/user/profile', { token: r1.body.access_token })).status).toBe(200);
    // The cookie works as well as the body.
    const r2 = await api('POST', '/api/auth/refresh', { headers: { cookie: `sa_refresh=${r1.body.refresh_token}`, ...ip() } });
    expect(r2.status).toBe(200);
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from refresh_tokens where user_id = $1 and used_at is null and revoked_at is null`,
      [u.userId],
    );
    expect(n).toBe(1);
    const stored = await db.query<{ token_hash: string }>(`select token_hash from refresh_tokens where user_id = $1`, [u.userId]);
    expect(stored.map((s) => s.token_hash)).not.toContain(r2.body.refresh_token);
  });

  it('revokes the whole family when a used refresh token is replayed', async () => {
    const u = await registerUser();
    const r1 = await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh }, headers: ip() });
    expect(r1.status).toBe(200);
    // After the grace window for repeated refreshes (tests/integration/auth-edge-cases.test.ts).
    await db.query(`update refresh_tokens set used_at = used_at - interval '11 seconds' where user_id = $1 and used_at is not null`, [u.userId]);
    const replay = await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh }, headers: ip() });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('token_reused');
    // The token issued by the legitimate rotation is dead too.
    const after = await api('POST', '/api/auth/refresh', { body: { refresh_token: r1.body.refresh_token }, headers: ip() });
    expect(after.status).toBe(401);
    // Another login (another family) is untouched.
    const login = await api('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, headers: ip() });
    const fresh = await api('POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token }, headers: ip() });
    expect(fresh.status).toBe(200);
  });

  it('refuses an expired refresh token', async () => {
    const u = await registerUser();
    await db.query(`update refresh_tokens set expires_at = now() - interval '1 second' where user_id = $1`, [u.userId]);
    const r = await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh }, headers: ip() });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_expired');
  });

  it('logout revokes the refresh token and clears the cookie', async () => {
    const u = await registerUser();
    const out = await api('POST', '/api/auth/logout', { body: { refresh_token: u.refresh }, headers: ip() });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/sa_refresh=;.*Max-Age=0/);
    const r = await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh }, headers: ip() });
    expect(r.status).toBe(401);
  });
});

describe('password reset', () => {
  async function requestReset(email: string): Promise<string> {
    const logs = captureLogs();
    const r = await api('POST', '/api/auth/forgot-password', { body: { email }, headers: ip() });
    await settleOutbox(db);
    logs.stop();
    expect(r.status).toBe(202);
    const mail = logs.lines.find((l) => l.mail?.to === email);
    expect(mail, 'the reset mail is written to the log without SMTP').toBeTruthy();
    const m = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail!.mail.text);
    expect(m).toBeTruthy();
    return decodeURIComponent(m![1]);
  }

  it('answers the same for unknown emails and sends nothing', async () => {
    const logs = captureLogs();
    const r = await api('POST', '/api/auth/forgot-password', { body: { email: 'ghost@example.com' }, headers: ip() });
    await settleOutbox(db);
    logs.stop();
    expect(r.status).toBe(202);
    expect(logs.lines.some((l) => l.mail)).toBe(false);
  });

  it('sets a new password once per token, signs out other sessions, and the old password stops working', async () => {
    const u = await registerUser();
    const token = await requestReset(u.email);
    const reset = await api('POST', '/api/auth/reset-password', { body: { token, password: 'novyi-parol-2026' }, headers: ip() });
    expect(reset.status).toBe(200);
    const again = await api('POST', '/api/auth/reset-password', { body: { token, password: 'esche-odin-parol-1' }, headers: ip() });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
    expect((await api('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, headers: ip() })).status).toBe(401);
    expect((await api('POST', '/api/auth/login', { body: { email: u.email, password: 'novyi-parol-2026' }, headers: ip() })).status).toBe(200);
    expect((await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh }, headers: ip() })).status).toBe(401);
  });

  it('refuses an expired reset token and a weak new password', async () => {
    const u = await registerUser();
    const token = await requestReset(u.email);
    const weak = await api('POST', '/api/auth/reset-password', { body: { token, password: '12345678' }, headers: ip() });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.fields[0].field).toBe('password');
    await db.query(`update password_reset_tokens set expires_at = now() - interval '1 minute' where user_id = $1`, [u.userId]);
    const r = await api('POST', '/api/auth/reset-password', { body: { token, password: 'novyi-parol-2026' }, headers: ip() });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_token');
  });
});
