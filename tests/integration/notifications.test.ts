// Notifications (seed 000): the bell's list (unread first), mark read, mark all read, delete one
// and all; a member sees the team's and their own, never another member's or workspace's —
// through the API and through SQL as the authenticated role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor } from '@/lib/db/actor';
import { createNotification } from '@/lib/notifications/create-notification';
import { addMember, disableRateLimits, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let viewer: TestUser & { headers: Record<string, string> };
const ids: Record<string, string> = {};

const runtime = (ws: string) => systemActor('agent-runtime', ws);

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Bell A' });
  B = await registerUser({ company_name: 'Bell B' });
  viewer = await addMember(db, A, 'viewer');
  // Written the way the runtime writes them (oldest first).
  ids.lead = (await createNotification(runtime(A.workspaceId), {
    type: 'new_lead',
    title: 'Новый лид: Айгерим',
    data: { client_id: '3c9e7a10-5b2d-4f8e-9a1c-2d3e4f5a6b7c', name: 'Айгерим', phone: '+77011234567' },
  })).id;
  ids.draft = (await createNotification(runtime(A.workspaceId), {
    type: 'draft_pending',
    title: 'Черновик ждёт проверки',
    actionUrl: '/conversations?conversation=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    data: { agent: 'Продажи' },
  })).id;
  ids.mine = (await createNotification(runtime(A.workspaceId), { type: 'task_created', title: 'Задача для владельца', userId: A.userId })).id;
  ids.b = (await createNotification(runtime(B.workspaceId), { type: 'quota_exceeded', title: 'Лимит исчерпан', data: { used: 100, limit: 100 } })).id;
});
afterAll(teardownTestDatabase);

describe('the bell', () => {
  it('lists the team’s and my notifications newest first with unread_count; a viewer does not see the owner’s own', async () => {
    const res = await api('GET', '/api/notifications', { token: A.token });
    expect(res.status).toBe(200);
    expect(res.body.data.map((n: { id: string }) => n.id)).toEqual([ids.mine, ids.draft, ids.lead]);
    expect(res.body.unread_count).toBe(3);
    expect(res.body.data[1]).toMatchObject({
      type: 'draft_pending',
      title: 'Черновик ждёт проверки',
      action_url: '/conversations?conversation=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      data: { agent: 'Продажи' },
      is_read: false,
      read_at: null,
    });
    const v = await api('GET', '/api/notifications', { token: viewer.token, headers: viewer.headers });
    expect(v.body.data.map((n: { id: string }) => n.id)).toEqual([ids.draft, ids.lead]);
    expect(v.body.unread_count).toBe(2);
  });

  it('marks one read (unread first afterwards), keeps read_at on a second call, filters unread and pages', async () => {
    const r = await api('PATCH', `/api/notifications/${ids.mine}/read`, { token: A.token });
    expect(r.status).toBe(200);
    expect(r.body.notification).toMatchObject({ id: ids.mine, is_read: true });
    const readAt = r.body.notification.read_at;
    expect(readAt).toBeTruthy();
    expect((await api('PATCH', `/api/notifications/${ids.mine}/read`, { token: A.token })).body.notification.read_at).toBe(readAt);
    const list = await api('GET', '/api/notifications', { token: A.token });
    expect(list.body.data.map((n: { id: string }) => n.id)).toEqual([ids.draft, ids.lead, ids.mine]);
    expect(list.body.unread_count).toBe(2);
    const unread = await api('GET', '/api/notifications', { token: A.token, query: { unread: true } });
    expect(unread.body.data.map((n: { id: string }) => n.id)).toEqual([ids.draft, ids.lead]);
    const page = await api('GET', '/api/notifications', { token: A.token, query: { limit: 2 } });
    expect(page.body.next_cursor).toBe('2');
    const rest = await api('GET', '/api/notifications', { token: A.token, query: { limit: 2, cursor: '2' } });
    expect(rest.body.data.map((n: { id: string }) => n.id)).toEqual([ids.mine]);
    expect(rest.body.next_cursor).toBeNull();
    const bad = await api('GET', '/api/notifications', { token: A.token, query: { limit: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('limit');
  });

  it('another workspace or member cannot read, mark or delete them (404), and B’s bell stays B’s', async () => {
    for (const [method, path] of [
      ['PATCH', `/api/notifications/${ids.draft}/read`],
      ['DELETE', `/api/notifications/${ids.draft}`],
    ] as const) {
      expect((await api(method, path, { token: B.token })).status).toBe(404);
    }
    // The owner's own notification is not the viewer's.
    expect((await api('PATCH', `/api/notifications/${ids.mine}/read`, { token: viewer.token, headers: viewer.headers })).status).toBe(404);
    expect((await api('GET', '/api/notifications', { token: B.token })).body.data.map((n: { id: string }) => n.id)).toEqual([ids.b]);
    expect((await api('POST', '/api/notifications/read-all', { token: B.token })).body).toEqual({ updated: 1 });
    const [row] = await db.query<{ is_read: boolean }>('select is_read from notifications where id = $1', [ids.draft]);
    expect(row.is_read).toBe(false);
  });

  it('marks all read, deletes one, then deletes all the reader sees (not another member’s)', async () => {
    expect((await api('POST', '/api/notifications/read-all', { token: viewer.token, headers: viewer.headers })).body).toEqual({ updated: 2 });
    expect((await api('GET', '/api/notifications', { token: A.token })).body.unread_count).toBe(0);
    expect((await api('DELETE', `/api/notifications/${ids.lead}`, { token: A.token })).status).toBe(204);
    expect((await api('DELETE', `/api/notifications/${ids.lead}`, { token: A.token })).status).toBe(404);
    expect((await api('DELETE', '/api/notifications', { token: viewer.token, headers: viewer.headers })).body).toEqual({ deleted: 1 });
    // The owner's own notification survives the viewer's "delete all".
    expect((await api('GET', '/api/notifications', { token: A.token })).body.data.map((n: { id: string }) => n.id)).toEqual([ids.mine]);
    expect((await api('DELETE', '/api/notifications', { token: A.token })).body).toEqual({ deleted: 1 });
    expect((await api('GET', '/api/notifications', { token: B.token })).body.data).toHaveLength(1);
  });
});

describe('through SQL as the authenticated role', () => {
  const claims = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });

  it('B sees, changes and deletes none of A’s rows; A (positive control) sees its own', async () => {
    const n = (await createNotification(runtime(A.workspaceId), { type: 'agent_error', title: 'Ошибка агента', data: { code: 'provider_failed' } })).id;
    const mine = await asAuthenticated(db, claims(A), (q) => q('select id from notifications where id = $1', [n]));
    expect(mine).toHaveLength(1);
    const seen = await asAuthenticated(db, claims(B), async (q) => [
      ...(await q('select id from notifications where workspace_id = $1', [A.workspaceId])),
      ...(await q('update notifications set is_read = true where workspace_id = $1 returning id', [A.workspaceId])),
      ...(await q('delete from notifications where workspace_id = $1 returning id', [A.workspaceId])),
    ]);
    expect(seen).toEqual([]);
    await expect(
      asAuthenticated(db, claims(B), (q) => q(`insert into notifications (workspace_id, type, title) values ($1, 'new_lead', 'x')`, [A.workspaceId])),
    ).rejects.toThrow(/row-level security/);
    const [row] = await db.query<{ is_read: boolean }>('select is_read from notifications where id = $1', [n]);
    expect(row.is_read).toBe(false);
  });
});
