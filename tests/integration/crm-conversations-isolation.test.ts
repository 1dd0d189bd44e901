// Tenant isolation of conversations, messages and crm_events: through the API (another
// workspace's dialogs are simply not found) and through SQL as the authenticated role (RLS
// and composite foreign keys are the second wall; a policy opened up once lets rows through).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let aClient: string;
let bClient: string;
let a: { id: string; version: number; pipeline_id: string };
let b: { id: string };

const TABLES = ['conversations', 'messages', 'crm_events'] as const;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  aClient = await newClient(db, A.workspaceId, 'Клиент А');
  bClient = await newClient(db, B.workspaceId, 'Клиент Б');
  a = (await newConversation(A, { client_id: aClient, title: 'A deal', context: { device: 'iPhone' } })) as typeof a;
  b = await newConversation(B, { client_id: bClient, title: 'B deal' });
  expect((await api('POST', `/api/conversations/${a.id}/messages`, { token: A.token, body: { content: 'секрет А' } })).status).toBe(201);
  expect((await api('POST', `/api/conversations/${b.id}/messages`, { token: B.token, body: { content: 'B text' } })).status).toBe(201);
});
afterAll(teardownTestDatabase);

describe('through the API', () => {
  it("B's lists, board and search never show A's dialogs", async () => {
    const listed = await api('GET', '/api/conversations', { token: B.token });
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect((await api('GET', '/api/conversations', { token: B.token, query: { search: 'секрет' } })).body.data).toEqual([]);
    expect((await api('GET', '/api/conversations', { token: B.token, query: { search: 'клиент' } })).body.data.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect((await api('GET', '/api/conversations', { token: B.token, query: { client_id: aClient } })).body.data).toEqual([]);
    expect((await api('GET', '/api/conversations/board', { token: B.token, query: { pipeline_id: a.pipeline_id } })).status).toBe(404);
    const board = await api('GET', '/api/conversations/board', { token: B.token });
    expect(board.body.columns.flatMap((c: { deals: { id: string }[] }) => c.deals.map((d) => d.id))).toEqual([b.id]);
  });

  it("every read and write of A's dialog is a 404 for B and A's dialog stays as it was", async () => {
    const A_ = `/api/conversations/${a.id}`;
    const calls: [string, string, unknown?][] = [
      ['GET', A_],
      ['GET', `${A_}/messages`],
      ['GET', `${A_}/messages?types=all`],
      ['PATCH', A_, { version: a.version, title: 'hacked' }],
      ['PATCH', `${A_}/context`, { device: 'hacked' }],
      ['PATCH', `${A_}/pause`, {}],
      ['PATCH', `${A_}/resume`, {}],
      ['POST', `${A_}/messages`, { content: 'hacked' }],
      ['DELETE', A_],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(method, path, { token: B.token, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const now = (await api('GET', A_, { token: A.token })).body.conversation;
    expect(now).toMatchObject({ title: 'A deal', context: { device: 'iPhone' }, status: 'active', messages_count: 1 });
  });

  it("B cannot hang a dialog on A's client or in A's stages", async () => {
    const stage = (await db.query<{ id: string }>('select id from pipeline_stages where pipeline_id = $1 limit 1', [a.pipeline_id]))[0].id;
    const onClient = await api('POST', '/api/conversations', { token: B.token, body: { client_id: aClient } });
    expect(onClient.status).toBe(400);
    expect(onClient.body.error.details.fields[0].field).toBe('client_id');
    const inStage = await api('POST', '/api/conversations', { token: B.token, body: { client_id: bClient, stage_id: stage } });
    expect(inStage.status).toBe(400);
    expect(inStage.body.error.details.fields[0].field).toBe('stage_id');
    const moved = await api('PATCH', `/api/conversations/${b.id}`, { token: B.token, body: { version: 1, pipeline_id: a.pipeline_id } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.fields[0].field).toBe('pipeline_id');
  });

  it("B cannot pick A's workspace with X-Tenant-ID", async () => {
    const res = await api('GET', `/api/conversations/${a.id}`, { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(res.status).toBe(403);
  });
});

describe('through SQL as the authenticated role', () => {
  const claims = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });

  /** One INSERT per table and its parameters: the row's workspace, hung on A's conversation / client. */
  const inserts = (ws: string): Record<(typeof TABLES)[number], [string, unknown[]]> => ({
    conversations: [`insert into conversations (workspace_id, client_id) values ($1, $2)`, [ws, aClient]],
    messages: [`insert into messages (workspace_id, conversation_id, role, content) values ($1, $2, 'user', 'x')`, [ws, a.id]],
    crm_events: [`insert into crm_events (workspace_id, conversation_id, client_id, event_type) values ($1, $2, $3, 'note_added')`, [ws, a.id, aClient]],
  });
  const run = (q: (t: string, p?: unknown[]) => Promise<unknown[]>, table: (typeof TABLES)[number], ws: string, suffix = '') => {
    const [text, p] = inserts(ws)[table];
    return q(text + suffix, p);
  };

  it.each(TABLES)('A reads its own rows in %s; B sees none of them', async (table) => {
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n).toBeGreaterThan(0);
    const mine = await asAuthenticated(db, claims(A), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]));
    expect(mine).toHaveLength(n);
    expect(await asAuthenticated(db, claims(B), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toEqual([]);
    const all = await asAuthenticated(db, claims(B), (q) => q(`select workspace_id from ${table}`));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => r.workspace_id === B.workspaceId)).toBe(true);
  });

  it.each(TABLES)("an INSERT into %s with A's workspace: allowed for A, refused for B", async (table) => {
    const mine = await asAuthenticated(db, claims(A), (q) => run(q, table, A.workspaceId, ' returning id'));
    expect(mine, 'positive control').toHaveLength(1);
    await expect(asAuthenticated(db, claims(B), (q) => run(q, table, A.workspaceId))).rejects.toThrow(/row-level security/);
  });

  it.each(TABLES)("a row of B's workspace cannot hang under A's conversation or client in %s (composite foreign key)", async (table) => {
    await expect(asAuthenticated(db, claims(B), (q) => run(q, table, B.workspaceId))).rejects.toThrow(/foreign key/);
  });

  it.each(TABLES)("UPDATE and DELETE of A's rows in %s change nothing for B", async (table) => {
    const changed = await asAuthenticated(db, claims(B), async (q) => {
      const col = table === 'crm_events' ? 'client_id = client_id' : 'updated_at = now()';
      const u = await q(`update ${table} set ${col} where workspace_id = $1 returning id`, [A.workspaceId]);
      const d = await q(`delete from ${table} where workspace_id = $1 returning id`, [A.workspaceId]);
      return [...u, ...d];
    });
    expect(changed).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n).toBeGreaterThan(0);
  });

  it.each(TABLES)('with the select policy of %s opened up (rolled back), B would see A’s rows: the wall above is the policy', async (table) => {
    const client = db.pool ? await db.pool.connect() : undefined;
    const q = async (text: string, p?: unknown[]) => (client ? (await client.query(text, p)).rows : await db.query(text, p));
    await q('begin');
    try {
      await q(`drop policy ${table}_select on ${table}`);
      await q(`create policy ${table}_leak on ${table} for select to authenticated using (true)`);
      await q(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims(B))]);
      await q('set local role authenticated');
      const leaked = await q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]);
      expect(leaked.length).toBeGreaterThan(0);
    } finally {
      await q('rollback');
      client?.release();
    }
    expect(await asAuthenticated(db, claims(B), (qq) => qq(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toEqual([]);
  });

  it("the search lookups (security definer) answer only for the caller's own workspace", async () => {
    const calls = [
      `select count(*)::int as n from app.crm_search_conversation_ids($1, to_tsquery('simple', 'секрет:* | клиент:*')) x`,
      `select count(*)::int as n from app.crm_search_client_ids($1, to_tsquery('simple', 'клиент:*')) x`,
      `select app.crm_message_hits($1, to_tsquery('simple', 'секрет:*'), 100) as n`,
    ];
    for (const text of calls) {
      const [own] = await asAuthenticated(db, claims(A), (q) => q(text, [A.workspaceId]));
      expect(own.n, `positive control: ${text}`).toBeGreaterThan(0);
      const [other] = await asAuthenticated(db, claims(B), (q) => q(text, [A.workspaceId]));
      expect(other.n, text).toBe(0);
      const [none] = await asAuthenticated(db, {}, (q) => q(text, [A.workspaceId]));
      expect(none.n, text).toBe(0);
    }
  });

  it('with no claims nothing is visible', async () => {
    for (const table of TABLES) expect(await asAuthenticated(db, {}, (q) => q(`select id from ${table}`)), table).toEqual([]);
  });
});
