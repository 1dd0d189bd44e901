// Tasks and notes through the API: create on a client or a deal, validation naming the field,
// "my tasks" with overdue first, done and the timeline, notes, the events feed, and what each
// role may do.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';

let db: Database;
let owner: TestUser;
let member: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;
let other: TestUser;
let clientId: string;
let client2Id: string;
let dealId: string;
let otherClientId: string;

const asMember = (method: string, path: string, body?: unknown, query?: Record<string, string | number | boolean>) =>
  api(method, path, { token: member.token, headers: member.headers, body, query });
const asViewer = (method: string, path: string, body?: unknown) => api(method, path, { token: viewer.token, headers: viewer.headers, body });
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function newClient(workspaceId: string, name: string) {
  const [c] = await db.query<{ id: string }>(`insert into clients (workspace_id, name) values ($1, $2) returning id`, [workspaceId, name]);
  return c.id;
}

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Service Center', full_name: 'Owner Olga' });
  member = await addMember(db, owner, 'member');
  viewer = await addMember(db, owner, 'viewer');
  other = await registerUser({ company_name: 'Elsewhere' });
  clientId = await newClient(owner.workspaceId, 'Айгерим');
  client2Id = await newClient(owner.workspaceId, 'Бауыржан');
  otherClientId = await newClient(other.workspaceId, 'Чужой');
  const [d] = await db.query<{ id: string }>(`insert into conversations (workspace_id, client_id, title) values ($1, $2, 'iPhone 14') returning id`, [
    owner.workspaceId,
    clientId,
  ]);
  dealId = d.id;
});
afterAll(teardownTestDatabase);

describe('tasks', () => {
  it('a member creates a task on a client: its shape, task_created on the timeline, one audit row', async () => {
    const res = await asMember('POST', '/api/tasks', { text: '  Позвонить  ', due_at: hours(24), client_id: clientId, responsible_user_id: member.userId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const task = res.body.task;
    expect(task).toMatchObject({
      text: 'Позвонить',
      client_id: clientId,
      conversation_id: null,
      client: { id: clientId, name: 'Айгерим' },
      responsible_user_id: member.userId,
      responsible: { id: member.userId, name: expect.stringMatching(/^User/) },
      done: false,
      done_at: null,
      overdue: false,
      source: 'user',
    });
    const events = await api('GET', '/api/events', { token: owner.token, query: { client_id: clientId, types: 'task_created' } });
    expect(events.body.data).toContainEqual(
      expect.objectContaining({ type: 'task_created', client_id: clientId, source: 'user', actor: { id: member.userId, name: expect.any(String) }, payload: expect.objectContaining({ task_id: task.id }) }),
    );
    const audit = await auditRows(db, owner.workspaceId, 'create_task');
    expect(audit.filter((a) => a.entity_id === task.id)).toHaveLength(1);
  });

  it('a task on a deal alone also hangs on its client', async () => {
    const res = await asMember('POST', '/api/tasks', { text: 'Заказать дисплей', conversation_id: dealId });
    expect(res.status).toBe(201);
    expect(res.body.task).toMatchObject({ conversation_id: dealId, client_id: clientId, client: { name: 'Айгерим' }, responsible: null });
    const list = await asMember('GET', '/api/tasks', undefined, { client_id: clientId });
    expect(list.body.data.map((t: { id: string }) => t.id)).toContain(res.body.task.id);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    expectFieldError(await asMember('POST', '/api/tasks', { text: '   ', client_id: clientId }), 'text');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x' }), 'client_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', client_id: crypto.randomUUID() }), 'client_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', client_id: 'nope' }), 'client_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', client_id: otherClientId }), 'client_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', conversation_id: crypto.randomUUID() }), 'conversation_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', client_id: client2Id, conversation_id: dealId }), 'conversation_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', client_id: clientId, responsible_user_id: other.userId }), 'responsible_user_id');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x', client_id: clientId, due_at: 'tomorrow' }), 'due_at');
    expectFieldError(await asMember('POST', '/api/tasks', { text: 'x'.repeat(2001), client_id: clientId }), 'text');
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from tasks where text = 'x'`);
    expect(n, 'nothing was stored').toBe(0);
  });

  it('"my tasks" lists overdue first, then by due date with undated last, done ones at the end; overdue=true only the late ones', async () => {
    const mk = async (text: string, due: string | null, done = false) => {
      const r = await asMember('POST', '/api/tasks', { text, due_at: due, client_id: client2Id, responsible_user_id: member.userId, done });
      expect(r.status).toBe(201);
      return r.body.task;
    };
    await mk('later', hours(48));
    await mk('late', hours(-1));
    await mk('undated', null);
    await mk('very late', hours(-48));
    await mk('done late', hours(-72), true);
    await api('POST', '/api/tasks', { token: owner.token, body: { text: 'owner own', due_at: hours(-100), client_id: client2Id, responsible_user_id: owner.userId } });

    const mine = await asMember('GET', '/api/tasks', undefined, { mine: true, client_id: client2Id });
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((t: { text: string }) => t.text)).toEqual(['very late', 'late', 'later', 'undated', 'done late']);
    expect(mine.body.data.map((t: { overdue: boolean }) => t.overdue)).toEqual([true, true, false, false, false]);
    const open = await asMember('GET', '/api/tasks', undefined, { mine: true, done: false, client_id: client2Id });
    expect(open.body.data.map((t: { text: string }) => t.text)).toEqual(['very late', 'late', 'later', 'undated']);
    const overdue = await asMember('GET', '/api/tasks', undefined, { mine: true, overdue: true });
    expect(overdue.body.data.map((t: { text: string }) => t.text)).toEqual(['very late', 'late']);

    const page1 = await asMember('GET', '/api/tasks', undefined, { mine: true, client_id: client2Id, limit: 2 });
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.next_cursor).toEqual(expect.any(String));
    const page2 = await asMember('GET', '/api/tasks', undefined, { mine: true, client_id: client2Id, limit: 2, cursor: page1.body.next_cursor });
    const page3 = await asMember('GET', '/api/tasks', undefined, { mine: true, client_id: client2Id, limit: 2, cursor: page2.body.next_cursor });
    expect([...page1.body.data, ...page2.body.data, ...page3.body.data].map((t: { text: string }) => t.text)).toEqual(mine.body.data.map((t: { text: string }) => t.text));
    expect(page3.body.next_cursor).toBeNull();
    expectFieldError(await asMember('GET', '/api/tasks', undefined, { limit: 500 }), 'limit');
    expectFieldError(await asMember('GET', '/api/tasks', undefined, { mine: 'maybe' }), 'mine');
  });

  it('marking a task done stamps done_at and writes task_completed once; undoing clears it', async () => {
    const t = (await asMember('POST', '/api/tasks', { text: 'Выдать телефон', due_at: hours(-2), conversation_id: dealId })).body.task;
    expect(t.overdue).toBe(true);
    const done = await asMember('PATCH', `/api/tasks/${t.id}`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({ done: true, overdue: false, done_at: expect.any(String) });
    await asMember('PATCH', `/api/tasks/${t.id}`, { done: true });
    const events = await api('GET', '/api/events', { token: owner.token, query: { dialog_id: dealId, types: 'task_completed' } });
    expect(events.body.data.filter((e: any) => e.payload.task_id === t.id)).toHaveLength(1);
    const undone = await asMember('PATCH', `/api/tasks/${t.id}`, { done: false, text: 'Выдать телефон клиенту', due_at: null });
    expect(undone.body.task).toMatchObject({ done: false, done_at: null, text: 'Выдать телефон клиенту', due_at: null });
    const audit = await auditRows(db, owner.workspaceId, 'update_task');
    expect(audit.filter((a) => a.entity_id === t.id).length).toBe(2);
    expectFieldError(await asMember('PATCH', `/api/tasks/${t.id}`, { responsible_user_id: other.userId }), 'responsible_user_id');
    expectFieldError(await asMember('PATCH', `/api/tasks/${t.id}`, { client_id: client2Id, conversation_id: dealId }), 'conversation_id');
    // Moving it to another client takes it off the deal.
    const moved = await asMember('PATCH', `/api/tasks/${t.id}`, { client_id: client2Id });
    expect(moved.body.task).toMatchObject({ client_id: client2Id, conversation_id: null });
  });

  it('unknown, malformed and foreign task ids are 404; a member deletes a task', async () => {
    expect((await asMember('GET', `/api/tasks/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await asMember('PATCH', '/api/tasks/nope', { done: true })).status).toBe(404);
    const t = (await asMember('POST', '/api/tasks', { text: 'Удалить меня', client_id: clientId })).body.task;
    expect((await api('GET', `/api/tasks/${t.id}`, { token: other.token })).status).toBe(404);
    expect((await api('DELETE', `/api/tasks/${t.id}`, { token: other.token })).status).toBe(404);
    expect((await asMember('DELETE', `/api/tasks/${t.id}`)).status).toBe(204);
    expect((await asMember('GET', `/api/tasks/${t.id}`)).status).toBe(404);
    expect((await auditRows(db, owner.workspaceId, 'delete_task')).map((a) => a.entity_id)).toContain(t.id);
  });
});

describe('notes', () => {
  it('a note on a deal: author is the member, note_added, list, edit, delete', async () => {
    const res = await asMember('POST', '/api/notes', { text: 'Клиент просит оригинальный дисплей', conversation_id: dealId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const note = res.body.note;
    expect(note).toMatchObject({ conversation_id: dealId, client_id: clientId, author: { id: member.userId }, source: 'user' });
    const list = await asMember('GET', '/api/notes', undefined, { conversation_id: dealId });
    expect(list.body.data.map((n: { id: string }) => n.id)).toEqual([note.id]);
    expect((await asMember('GET', '/api/notes', undefined, { client_id: clientId })).body.data.map((n: { id: string }) => n.id)).toContain(note.id);
    const events = await api('GET', '/api/events', { token: owner.token, query: { dialog_id: dealId, types: 'note_added' } });
    expect(events.body.data[0]).toMatchObject({ type: 'note_added', payload: { note_id: note.id, text: 'Клиент просит оригинальный дисплей' } });

    const edited = await asMember('PATCH', `/api/notes/${note.id}`, { text: 'Оригинал, до пятницы' });
    expect(edited.body.note.text).toBe('Оригинал, до пятницы');
    expect((await api('GET', `/api/notes/${note.id}`, { token: owner.token })).body.note.text).toBe('Оригинал, до пятницы');
    expectFieldError(await asMember('PATCH', `/api/notes/${note.id}`, { text: '' }), 'text');
    expectFieldError(await asMember('POST', '/api/notes', { text: 'x', client_id: otherClientId }), 'client_id');
    expect((await api('PATCH', `/api/notes/${note.id}`, { token: other.token, body: { text: 'hacked' } })).status).toBe(404);
    expect((await asMember('DELETE', `/api/notes/${note.id}`)).status).toBe(204);
    expect((await asMember('GET', `/api/notes/${note.id}`)).status).toBe(404);
    for (const action of ['create_note', 'update_note', 'delete_note']) {
      expect((await auditRows(db, owner.workspaceId, action)).map((a) => a.entity_id), action).toContain(note.id);
    }
  });
});

describe('events feed', () => {
  it('filters by types (comma list or repeated), since and limit; newest first', async () => {
    const both = await api('GET', '/api/events?types=task_created,note_added', { token: owner.token });
    expect(new Set(both.body.data.map((e: { type: string }) => e.type))).toEqual(new Set(['task_created', 'note_added']));
    const repeated = await api('GET', '/api/events?types=task_created&types=note_added', { token: owner.token });
    expect(repeated.body.data.map((e: { id: string }) => e.id)).toEqual(both.body.data.map((e: { id: string }) => e.id));
    const times = both.body.data.map((e: { created_at: string }) => e.created_at);
    expect(times).toEqual([...times].sort().reverse());
    expect((await api('GET', '/api/events', { token: owner.token, query: { limit: 2 } })).body.data).toHaveLength(2);
    expect((await api('GET', '/api/events', { token: owner.token, query: { since: hours(1) } })).body.data).toEqual([]);
    expectFieldError(await api('GET', '/api/events', { token: owner.token, query: { limit: 201 } }), 'limit');
    expectFieldError(await api('GET', '/api/events', { token: owner.token, query: { dialog_id: 'x' } }), 'dialog_id');
    expectFieldError(await api('GET', '/api/events', { token: owner.token, query: { since: 'yesterday' } }), 'since');
    expectFieldError(await api('GET', '/api/events', { token: owner.token, query: { types: "x'; drop" } }), 'types');
  });
});

describe('permissions per role', () => {
  it('a viewer reads tasks, notes and events but every write is 403', async () => {
    const t = (await asMember('POST', '/api/tasks', { text: 'Для зрителя', client_id: clientId })).body.task;
    const n = (await asMember('POST', '/api/notes', { text: 'Для зрителя', client_id: clientId })).body.note;
    expect((await asViewer('GET', '/api/tasks')).status).toBe(200);
    expect((await asViewer('GET', `/api/tasks/${t.id}`)).status).toBe(200);
    expect((await asViewer('GET', '/api/notes')).status).toBe(200);
    expect((await asViewer('GET', '/api/events')).status).toBe(200);
    const writes: [string, string, unknown?][] = [
      ['POST', '/api/tasks', { text: 'v', client_id: clientId }],
      ['PATCH', `/api/tasks/${t.id}`, { done: true }],
      ['DELETE', `/api/tasks/${t.id}`],
      ['POST', '/api/notes', { text: 'v', client_id: clientId }],
      ['PATCH', `/api/notes/${n.id}`, { text: 'v' }],
      ['DELETE', `/api/notes/${n.id}`],
    ];
    for (const [method, path, body] of writes) {
      const res = await asViewer(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await asMember('GET', `/api/tasks/${t.id}`)).body.task.done).toBe(false);
  });

  it('without a session nothing is served', async () => {
    expect((await api('GET', '/api/tasks')).status).toBe(401);
    expect((await api('POST', '/api/notes', { body: { text: 'x', client_id: clientId } })).status).toBe(401);
  });
});
