// Tenant isolation of tasks, notes and the events timeline: through the API (another
// workspace's ids are not found, its clients cannot be named) and through SQL as the
// authenticated role with the other workspace's claims (RLS is the second wall). A policy
// taken away, in a transaction that is rolled back, shows these checks would turn red.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';

const TABLES = ['tasks', 'notes', 'crm_events'] as const;

let db: Database;
let A: TestUser;
let B: TestUser;
let aClient: string;
let aDeal: string;
let bClient: string;
let aTask: any;
let aNote: any;

const claims = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  [{ id: aClient }] = await db.query<{ id: string }>(`insert into clients (workspace_id, name) values ($1, 'A client') returning id`, [A.workspaceId]);
  [{ id: bClient }] = await db.query<{ id: string }>(`insert into clients (workspace_id, name) values ($1, 'B client') returning id`, [B.workspaceId]);
  [{ id: aDeal }] = await db.query<{ id: string }>(`insert into conversations (workspace_id, client_id) values ($1, $2) returning id`, [A.workspaceId, aClient]);
  aTask = (await api('POST', '/api/tasks', { token: A.token, body: { text: 'A task', conversation_id: aDeal, responsible_user_id: A.userId } })).body.task;
  aNote = (await api('POST', '/api/notes', { token: A.token, body: { text: 'A note', conversation_id: aDeal } })).body.note;
  expect(aTask?.id && aNote?.id).toBeTruthy();
  await api('POST', '/api/tasks', { token: B.token, body: { text: 'B task', client_id: bClient } });
  await api('POST', '/api/notes', { token: B.token, body: { text: 'B note', client_id: bClient } });
});
afterAll(teardownTestDatabase);

describe('through the API', () => {
  it("B's lists show only B's tasks, notes and events, even when filtering by A's ids", async () => {
    const tasks = await api('GET', '/api/tasks', { token: B.token });
    expect(tasks.body.data.map((t: { text: string }) => t.text)).toEqual(['B task']);
    expect((await api('GET', '/api/tasks', { token: B.token, query: { conversation_id: aDeal } })).body.data).toEqual([]);
    expect((await api('GET', '/api/notes', { token: B.token })).body.data.map((n: { text: string }) => n.text)).toEqual(['B note']);
    expect((await api('GET', '/api/notes', { token: B.token, query: { client_id: aClient } })).body.data).toEqual([]);
    const events = await api('GET', '/api/events', { token: B.token });
    expect(events.body.data.length).toBeGreaterThan(0);
    expect(events.body.data.every((e: { client_id: string }) => e.client_id === bClient)).toBe(true);
    expect((await api('GET', '/api/events', { token: B.token, query: { dialog_id: aDeal } })).body.data).toEqual([]);
  });

  it("B gets 404 reading or changing A's task and note, and they stay as they were", async () => {
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/tasks/${aTask.id}`],
      ['PATCH', `/api/tasks/${aTask.id}`, { done: true }],
      ['DELETE', `/api/tasks/${aTask.id}`],
      ['GET', `/api/notes/${aNote.id}`],
      ['PATCH', `/api/notes/${aNote.id}`, { text: 'hacked' }],
      ['DELETE', `/api/notes/${aNote.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api(method, path, { token: B.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await api('GET', `/api/tasks/${aTask.id}`, { token: A.token })).body.task).toEqual(aTask);
    expect((await api('GET', `/api/notes/${aNote.id}`, { token: A.token })).body.note).toEqual(aNote);
  });

  it("B cannot hang a task or note on A's client or deal, nor give A's owner a task", async () => {
    expectFieldError(await api('POST', '/api/tasks', { token: B.token, body: { text: 'x', client_id: aClient } }), 'client_id');
    expectFieldError(await api('POST', '/api/tasks', { token: B.token, body: { text: 'x', conversation_id: aDeal } }), 'conversation_id');
    expectFieldError(await api('POST', '/api/notes', { token: B.token, body: { text: 'x', conversation_id: aDeal } }), 'conversation_id');
    expectFieldError(await api('POST', '/api/tasks', { token: B.token, body: { text: 'x', client_id: bClient, responsible_user_id: A.userId } }), 'responsible_user_id');
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from tasks where text = 'x'`);
    expect(n).toBe(0);
  });

  it("B cannot pick A's workspace with X-Tenant-ID", async () => {
    const res = await api('GET', '/api/tasks', { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(res.status).toBe(403);
  });
});

describe('through SQL as the authenticated role', () => {
  const inserts: Record<(typeof TABLES)[number], string> = {
    tasks: `insert into tasks (workspace_id, text, client_id) values ($1, 'sql task', $2)`,
    notes: `insert into notes (workspace_id, text, client_id) values ($1, 'sql note', $2)`,
    crm_events: `insert into crm_events (workspace_id, event_type, client_id) values ($1, 'note_added', $2)`,
  };

  it.each(TABLES)("A sees its rows in %s, B sees none of them", async (table) => {
    const mine = await asAuthenticated(db, claims(A), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]));
    expect(mine.length, 'positive control').toBeGreaterThan(0);
    expect(await asAuthenticated(db, claims(B), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toEqual([]);
    const all = await asAuthenticated(db, claims(B), (q) => q(`select workspace_id from ${table}`));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => r.workspace_id === B.workspaceId)).toBe(true);
  });

  it.each(TABLES)("an INSERT into %s with A's workspace: allowed for A, refused for B", async (table) => {
    const ok = await asAuthenticated(db, claims(A), (q) => q(`${inserts[table]} returning id`, [A.workspaceId, aClient]));
    expect(ok).toHaveLength(1);
    await expect(asAuthenticated(db, claims(B), (q) => q(inserts[table], [A.workspaceId, aClient]))).rejects.toThrow(/row-level security/);
  });

  it.each(TABLES)("a row of B in %s cannot point at A's client (composite foreign key)", async (table) => {
    await expect(asAuthenticated(db, claims(B), (q) => q(inserts[table], [B.workspaceId, aClient]))).rejects.toThrow(/foreign key/);
  });

  it.each(TABLES)("UPDATE and DELETE of A's rows in %s change nothing for B", async (table) => {
    const changed = await asAuthenticated(db, claims(B), async (q) => {
      const u = await q(`update ${table} set client_id = $2 where workspace_id = $1 returning id`, [A.workspaceId, bClient]);
      const d = await q(`delete from ${table} where workspace_id = $1 returning id`, [A.workspaceId]);
      return [...u, ...d];
    });
    expect(changed).toEqual([]);
  });

  it("the agent runtime of B's workspace sees none of A's rows", async () => {
    const runtime = { sub: null, role: 'authenticated', actor: 'system', system_name: 'agent-runtime', workspace_id: B.workspaceId };
    for (const table of TABLES) {
      const rows = await asAuthenticated(db, runtime, (q) => q(`select workspace_id from ${table}`));
      expect(rows.length, table).toBeGreaterThan(0);
      expect(rows.every((r) => r.workspace_id === B.workspaceId), table).toBe(true);
    }
  });

  it.each(TABLES)('with the select policy of %s opened up (rolled back), B would see A\'s rows: the wall is the policy', async (table) => {
    const client = db.pool ? await db.pool.connect() : undefined;
    const q = async (text: string, params?: unknown[]) =>
      client ? ((await client.query(text, params)).rows as Record<string, unknown>[]) : db.query(text, params);
    await q('begin');
    try {
      await q(`drop policy ${table}_select on ${table}`);
      await q(`create policy ${table}_select on ${table} for select to authenticated using (true)`);
      await q(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims(B))]);
      await q('set local role authenticated');
      const leaked = await q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]);
      expect(leaked.length).toBeGreaterThan(0);
    } finally {
      await q('rollback');
      client?.release();
    }
    // Rolled back: the real policy is in place again.
    expect(await asAuthenticated(db, claims(B), (q2) => q2(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toEqual([]);
  });
});
