// Workspaces carry a URL slug (the dashboard lives under /w/<slug>) and a time zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { sessionCookie } from '../helpers/session';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

async function registerWith(body: Record<string, unknown>) {
  const r = await api('POST', '/api/auth/register', {
    body: { email: `tz-${Math.random().toString(36).slice(2)}@example.com`, password: 'Tr0ub4dor&3-horse', full_name: 'Tz', ...body },
    headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
  });
  expect(r.status).toBe(201);
  return r;
}

describe('workspace slug', () => {
  it('is made from the name (transliterated) and the id, unique, and listed with the workspaces', async () => {
    const a = await registerUser({ company_name: 'ООО «Северный ветер»' });
    const b = await registerUser({ company_name: 'ООО «Северный ветер»' });
    const la = await api('GET', '/api/workspaces', { token: a.token });
    const lb = await api('GET', '/api/workspaces', { token: b.token });
    const sa: string = la.body.workspaces[0].slug;
    const sb: string = lb.body.workspaces[0].slug;
    expect(sa).toBe(`ooo-severnyi-veter-${a.workspaceId.replace(/-/g, '').slice(0, 8)}`);
    expect(sb).not.toBe(sa);
    const [{ n }] = await db.query<{ n: number }>('select count(distinct slug)::int as n from workspaces');
    const [{ total }] = await db.query<{ total: number }>('select count(*)::int as total from workspaces');
    expect(n).toBe(total);
  });

  it('is set for rows inserted without one, and a duplicate is refused', async () => {
    const [w] = await db.query<{ id: string; slug: string }>("insert into workspaces (name) values ('Қазақ Тілі') returning id, slug");
    expect(w.slug).toBe(`qazaq-tili-${w.id.replace(/-/g, '').slice(0, 8)}`);
    const [x] = await db.query<{ slug: string }>("insert into workspaces (name) values ('«»') returning slug");
    expect(x.slug).toMatch(/^[0-9a-f]{8}$/);
    await expect(db.query('insert into workspaces (name, slug) values ($1, $2)', ['Copy', w.slug])).rejects.toThrow();
    await expect(db.query("insert into workspaces (name, slug) values ('Bad', 'Not A Slug')")).rejects.toThrow();
  });
});

describe('workspace time zone', () => {
  it('is proposed by the browser at sign-up; unknown zones fall back to Asia/Almaty', async () => {
    const ny = await registerWith({ time_zone: 'America/New_York' });
    expect(ny.body.user.time_zone).toBe('America/New_York');
    const junk = await registerWith({ time_zone: 'Mars/Olympus_Mons' });
    expect(junk.body.user.time_zone).toBe('Asia/Almaty');
    const none = await registerWith({});
    expect(none.body.user.time_zone).toBe('Asia/Almaty');
  });

  it('is changed in settings by the owner and validated against the known zones', async () => {
    const u = await registerUser();
    const ok = await api('PATCH', '/api/user/settings', { token: u.token, body: { time_zone: 'Europe/Berlin' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.time_zone).toBe('Europe/Berlin');
    const bad = await api('PATCH', '/api/user/settings', { token: u.token, body: { time_zone: 'Europe/Atlantis' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0]).toMatchObject({ field: 'time_zone', code: 'invalid_time_zone' });
    const me = await api('GET', '/api/user/profile', { token: u.token });
    expect(me.body.user.time_zone).toBe('Europe/Berlin');
  });

  it('cannot be changed by a member (lib and the row policy)', async () => {
    const owner = await registerUser();
    const member = await registerUser();
    await db.query("insert into memberships (workspace_id, user_id, role) values ($1, $2, 'member')", [owner.workspaceId, member.userId]);
    const r = await api('PATCH', '/api/user/settings', {
      token: member.token,
      headers: { 'x-tenant-id': owner.workspaceId },
      body: { time_zone: 'Europe/Paris' },
    });
    expect(r.status).toBe(403);
    const [w] = await db.query<{ time_zone: string }>('select time_zone from workspaces where id = $1', [owner.workspaceId]);
    expect(w.time_zone).toBe('Asia/Almaty');
  });
});

describe('dashboard writes name their workspace', () => {
  it('a session write without X-Tenant-ID is refused instead of landing in the last used workspace', async () => {
    // Anna works in her own workspace A and was invited to B; tab B switched last, so "last used" is B.
    const anna = await registerUser({ company_name: 'Tab A' });
    const bolat = await registerUser({ company_name: 'Tab B' });
    await db.query("insert into memberships (workspace_id, user_id, role) values ($1, $2, 'admin')", [bolat.workspaceId, anna.userId]);
    const { cookie } = await sessionCookie(anna.userId);
    const headers = { cookie, origin: 'http://localhost:3000', host: 'localhost:3000' };
    const switched = await api('POST', '/api/workspaces/switch', { headers, body: { workspace_id: bolat.workspaceId } });
    expect(switched.status).toBe(200);
    expect(switched.body.workspace.slug).toMatch(/^tab-b-/);

    const body = { name: 'From tab A', system_instructions: 'Answer politely and briefly.' };
    const bare = await api('POST', '/api/agents', { headers, body });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('workspace_required');
    const named = await api('POST', '/api/agents', { headers: { ...headers, 'x-tenant-id': anna.workspaceId }, body });
    expect(named.status).toBe(201);
    const [row] = await db.query<{ workspace_id: string }>('select workspace_id from agents where name = $1', ['From tab A']);
    expect(row.workspace_id).toBe(anna.workspaceId);
    // Bearer clients (mobile, integrations) keep choosing by X-Tenant-ID or their last workspace.
    expect((await api('GET', '/api/agents', { token: anna.token })).status).toBe(200);
  });
});
