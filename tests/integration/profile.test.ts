import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie as newSession } from '../helpers/session';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

// A 1x1 PNG.
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

function avatarForm(bytes: Uint8Array, name = 'me.png', type = 'image/png') {
  const form = new FormData();
  form.set('avatar', new File([bytes as BlobPart], name, { type }));
  return form;
}

describe('profile and settings', () => {
  it('reads and updates the profile per seed shape', async () => {
    const u = await registerUser({ full_name: 'Old Name', company_name: 'Old Co' });
    const get = await api('GET', '/api/user/profile', { token: u.token });
    expect(get.body.user).toMatchObject({ full_name: 'Old Name', company_name: 'Old Co', theme: 'system', locale: 'ru' });
    const r = await api('PATCH', '/api/user/profile', { token: u.token, body: { full_name: 'Новое Имя', company_name: 'Новая компания', theme: 'dark' } });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ full_name: 'Новое Имя', company_name: 'Новая компания', theme: 'dark' });
    const again = await api('GET', '/api/user/profile', { token: u.token });
    expect(again.body.user).toMatchObject({ full_name: 'Новое Имя', company_name: 'Новая компания', theme: 'dark' });
    const audit = await db.query<{ action: string; new_values: Record<string, unknown> }>(
      `select action, new_values from audit_log where user_id = $1 and action in ('update_profile', 'update_workspace') order by created_at`,
      [u.userId],
    );
    expect(audit.map((a) => a.action)).toEqual(['update_profile', 'update_workspace']);
    expect(audit[1].new_values).toEqual({ name: 'Новая компания' });
  });

  it.each([
    [{ theme: 'purple' }, 'theme'],
    [{ locale: 'de' }, 'locale'],
    [{ full_name: '' }, 'full_name'],
    [{ email: 'new@example.com' }, '(body)'],
  ])('rejects bad profile input %j naming %s', async (body, field) => {
    const u = await registerUser();
    const r = await api('PATCH', '/api/user/profile', { token: u.token, body });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it.each([
    [{ auto_resume_unit: 'недель' }, 'auto_resume_unit'],
    [{ auto_resume_after: 0 }, 'auto_resume_after'],
    [{ auto_resume_after: 1.5 }, 'auto_resume_after'],
    [{ stop_on_human_reply: 'yes' }, 'stop_on_human_reply'],
  ])('rejects bad settings %j naming %s and keeps what was stored', async (body, field) => {
    const u = await registerUser();
    await api('PATCH', '/api/user/settings', { token: u.token, body: { auto_resume_after: 7, auto_resume_unit: 'часов' } });
    const r = await api('PATCH', '/api/user/settings', { token: u.token, body });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields[0].field).toBe(field);
    const me = await api('GET', '/api/user/profile', { token: u.token });
    expect(me.body.user).toMatchObject({ auto_resume_after: 7, auto_resume_unit: 'часов' });
  });

  it('uploads an avatar, serves it to the owner, and refuses strangers', async () => {
    const u = await registerUser();
    const r = await api('POST', '/api/user/avatar', { token: u.token, form: avatarForm(PNG) });
    expect(r.status).toBe(200);
    const url: string = r.body.user.avatar_url;
    expect(url).toMatch(/^\/api\/files\/avatars\//);
    const file = await api('GET', url, { token: u.token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.raw.arrayBuffer())).toEqual(PNG);
    const stranger = await registerUser();
    expect((await api('GET', url, { token: stranger.token })).status).toBe(404);
  });

  it('refuses a non-image avatar with 415 even when it claims to be a PNG', async () => {
    const u = await registerUser();
    const r = await api('POST', '/api/user/avatar', { token: u.token, form: avatarForm(new TextEncoder().encode('<?php echo 1;'), 'x.png') });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses an avatar over the size limit with 413 naming the limit', async () => {
    const u = await registerUser();
    process.env.AVATAR_MAX_BYTES = '1024';
    resetEnvCache();
    try {
      const big = new Uint8Array(4096);
      big.set(PNG);
      const r = await api('POST', '/api/user/avatar', { token: u.token, form: avatarForm(big) });
      expect(r.status).toBe(413);
      expect(r.body.error.message).toContain('1 KB');
    } finally {
      delete process.env.AVATAR_MAX_BYTES;
      resetEnvCache();
    }
  });
});

describe('dashboard session cookie', () => {
  const sessionCookie = async (userId: string) => (await newSession(userId)).cookie;

  it('authenticates API calls and refuses cookie-authenticated writes from another origin', async () => {
    const u = await registerUser();
    const cookie = await sessionCookie(u.userId);
    expect((await api('GET', '/api/user/profile', { headers: { cookie } })).status).toBe(200);
    const same = await api('PATCH', '/api/user/profile', { headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000' }, body: { full_name: 'Same Origin' } });
    expect(same.status).toBe(200);
    const cross = await api('PATCH', '/api/user/profile', { headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' }, body: { full_name: 'Evil' } });
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe('origin_not_allowed');
    const crossSite = await api('PATCH', '/api/user/profile', { headers: { cookie, 'sec-fetch-site': 'cross-site' }, body: { full_name: 'Evil' } });
    expect(crossSite.status).toBe(403);
    const me = await api('GET', '/api/user/profile', { headers: { cookie } });
    expect(me.body.user.full_name).toBe('Same Origin');
  });

  it('voids sessions issued before a password change', async () => {
    const u = await registerUser();
    const cookie = await sessionCookie(u.userId);
    await db.query(`update users set password_changed_at = now() + interval '10 seconds' where id = $1`, [u.userId]);
    const r = await api('GET', '/api/user/profile', { headers: { cookie } });
    expect(r.status).toBe(401);
  });
});

describe('request ids', () => {
  it('echoes a given X-Request-Id and makes one otherwise; errors carry it too', async () => {
    const given = await api('GET', '/api/health', { headers: { 'x-request-id': 'req-abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-abc-123');
    const made = await api('GET', '/api/user/profile');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.error.request_id).toBe(made.headers.get('x-request-id'));
  });
});
