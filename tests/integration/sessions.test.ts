// Dashboard sessions are revocable: listed per user, signed out one by one or
// everywhere, and a revoked cookie is refused at once (not when it expires).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { sessionCookie } from '../helpers/session';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

const profile = (cookie: string) => api('GET', '/api/user/profile', { headers: { cookie } });
const sameSite = { origin: 'http://localhost:3000', host: 'localhost:3000' };

describe('user sessions', () => {
  it('lists the caller’s sessions with device, IP, times and which one is this', async () => {
    const u = await registerUser();
    const laptop = await sessionCookie(u.userId, { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' });
    const phone = await sessionCookie(u.userId, { ip: '198.51.100.2', userAgent: 'Mozilla/5.0 (iPhone) Safari/605.1' });
    const r = await api('GET', '/api/user/sessions', { headers: { cookie: laptop.cookie } });
    expect(r.status).toBe(200);
    expect(r.body.sessions).toHaveLength(2);
    const mine = r.body.sessions.find((s: { id: string }) => s.id === laptop.sessionId);
    expect(mine).toMatchObject({ current: true, ip_address: '203.0.113.7', user_agent: expect.stringContaining('Firefox') });
    expect(Date.parse(mine.created_at)).not.toBeNaN();
    expect(Date.parse(mine.last_seen_at)).not.toBeNaN();
    expect(r.body.sessions.find((s: { id: string }) => s.id === phone.sessionId).current).toBe(false);
    // A Bearer client sees the same list; none of them is "this" one.
    const bearer = await api('GET', '/api/user/sessions', { token: u.token });
    expect(bearer.body.sessions.map((s: { current: boolean }) => s.current)).toEqual([false, false]);
  });

  it('signing one session out refuses its cookie at once and leaves the others alone', async () => {
    const u = await registerUser();
    const a = await sessionCookie(u.userId);
    const b = await sessionCookie(u.userId);
    expect((await profile(b.cookie)).status).toBe(200);
    const del = await api('DELETE', `/api/user/sessions/${b.sessionId}`, { headers: { cookie: a.cookie, ...sameSite } });
    expect(del.status).toBe(204);
    const refused = await profile(b.cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('session_revoked');
    expect((await profile(a.cookie)).status).toBe(200);
    const list = await api('GET', '/api/user/sessions', { headers: { cookie: a.cookie } });
    expect(list.body.sessions.map((s: { id: string }) => s.id)).toEqual([a.sessionId]);
  });

  it('nobody else can see or end my sessions', async () => {
    const me = await registerUser();
    const other = await registerUser();
    const mine = await sessionCookie(me.userId);
    const r = await api('DELETE', `/api/user/sessions/${mine.sessionId}`, { token: other.token });
    expect(r.status).toBe(404);
    expect((await profile(mine.cookie)).status).toBe(200);
    const list = await api('GET', '/api/user/sessions', { token: other.token });
    expect(list.body.sessions).toEqual([]);
    // The wall below lib/: as the other user, the rows are invisible and unchangeable.
    await asAuthenticated(db, { sub: other.userId, role: 'authenticated' }, async (q) => {
      expect(await q('select id from user_sessions where user_id = $1', [me.userId])).toEqual([]);
      expect(await q('update user_sessions set revoked_at = now() where user_id = $1 returning id', [me.userId])).toEqual([]);
      await expect(q('insert into user_sessions (user_id, expires_at) values ($1, now() + interval \'1 day\')', [me.userId])).rejects.toThrow();
    });
    await asAuthenticated(db, { sub: me.userId, role: 'authenticated' }, async (q) => {
      // Only revoked_at and last_seen_at may change, even on one's own rows.
      await expect(q('update user_sessions set expires_at = now() + interval \'10 years\' where id = $1', [mine.sessionId])).rejects.toThrow();
    });
  });

  it('"sign out everywhere" refuses every old cookie and every refresh token', async () => {
    const u = await registerUser();
    const a = await sessionCookie(u.userId);
    const b = await sessionCookie(u.userId);
    const r = await api('POST', '/api/user/sessions/revoke-all', { headers: { cookie: a.cookie, ...sameSite } });
    expect(r.status).toBe(200);
    expect(r.body.revoked).toBe(2);
    for (const c of [a, b]) expect((await profile(c.cookie)).status).toBe(401);
    const refresh = await api('POST', '/api/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(refresh.status).toBe(401);
    const audit = await db.query<{ action: string }>(`select action from audit_log where user_id = $1 and action = 'revoke_all_sessions'`, [u.userId]);
    expect(audit).toHaveLength(1);
  });

  it('a cookie that names no session (issued before sessions were revocable) is refused', async () => {
    const u = await registerUser();
    const token = await encode({
      token: { uid: u.userId, sub: u.userId, authAt: Math.floor(Date.now() / 1000) },
      secret: process.env.AUTH_SECRET!,
      salt: 'authjs.session-token',
    });
    const r = await profile(`authjs.session-token=${token}`);
    expect(r.status).toBe(401);
  });

  it('a session cookie cannot be pointed at someone else’s session id', async () => {
    const me = await registerUser();
    const other = await registerUser();
    const theirs = await sessionCookie(other.userId);
    const token = await encode({
      token: { uid: me.userId, sub: me.userId, sid: theirs.sessionId, authAt: Math.floor(Date.now() / 1000) },
      secret: process.env.AUTH_SECRET!,
      salt: 'authjs.session-token',
    });
    expect((await profile(`authjs.session-token=${token}`)).status).toBe(401);
  });
});
