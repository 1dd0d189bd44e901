// Tenant isolation of clients and their channels, facts and relations: through the API another
// workspace's ids are simply not found; through SQL as the authenticated role with workspace B's
// claims, A's rows are invisible and cannot be written. One test breaks a policy inside a
// rolled-back transaction and sees the leak, so the SQL checks are shown able to fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, type TestUser } from './agents-fixtures';
import { newClient } from './crm-clients-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let a: any; // A's client with a channel, a fact and a relation
let a2: any;
let b: any;
let channelId: string;
let factId: string;
let relationId: string;

const TABLES = ['clients', 'client_channels', 'client_facts', 'client_relations'];

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Shop' });
  B = await registerUser({ company_name: 'B Shop' });
  a = await newClient(A, { name: 'Secret Client', phone: '+77015550101', email: 'secret@a.kz', telegram_id: 'a_tg_1' });
  a2 = await newClient(A, { name: 'Secret Spouse' });
  channelId = a.channels[0].id;
  factId = (await api('POST', `/api/clients/${a.id}/facts`, { token: A.token, body: { text: 'A secret fact' } })).body.fact.id;
  relationId = (await api('POST', `/api/clients/${a.id}/relations`, { token: A.token, body: { client_id: a2.id, relation_type: 'spouse' } })).body.relation.id;
  b = await newClient(B, { name: 'B Client' });
});
afterAll(teardownTestDatabase);

describe('through the API', () => {
  it("B gets 404 for A's client and every sub-resource, read or write, and A's data stays as it was", async () => {
    const before = (await api('GET', `/api/clients/${a.id}`, { token: A.token })).body.client;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/clients/${a.id}`],
      ['PATCH', `/api/clients/${a.id}`, { version: a.version, name: 'hacked' }],
      ['DELETE', `/api/clients/${a.id}?dialogs=delete`],
      ['POST', `/api/clients/${a.id}/channels`, { channel_type: 'vk', external_id: 'x' }],
      ['DELETE', `/api/clients/${a.id}/channels/${channelId}`],
      ['POST', `/api/clients/${a.id}/facts`, { text: 'x' }],
      ['DELETE', `/api/clients/${a.id}/facts/${factId}`],
      ['POST', `/api/clients/${a.id}/relations`, { client_id: b.id, relation_type: 'x' }],
      ['DELETE', `/api/clients/${a.id}/relations/${relationId}`],
      ['POST', `/api/clients/${a.id}/merge`, { merge_client_id: b.id }],
      // A's sub-resource ids through B's own client.
      ['DELETE', `/api/clients/${b.id}/channels/${channelId}`],
      ['DELETE', `/api/clients/${b.id}/facts/${factId}`],
      ['DELETE', `/api/clients/${b.id}/relations/${relationId}`],
      // A's client as the one merged into B's.
      ['POST', `/api/clients/${b.id}/merge`, { merge_client_id: a.id }],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(method, path, { token: B.token, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const rel = await api('POST', `/api/clients/${b.id}/relations`, { token: B.token, body: { client_id: a.id, relation_type: 'spouse' } });
    expect(rel.status).toBe(400);
    expect(rel.body.error.details.fields[0].field).toBe('client_id');
    expect((await api('GET', `/api/clients/${a.id}`, { token: A.token })).body.client).toEqual(before);
    expect((await api('GET', `/api/clients/${b.id}`, { token: B.token })).body.client.relations).toEqual([]);
  });

  it("B's list, search, export and import never see A's clients; A's phone and channel id are free in B", async () => {
    const list = await api('GET', '/api/clients', { token: B.token });
    expect(list.body.data.map((c: any) => c.name)).toEqual(['B Client']);
    for (const search of ['Secret', '+77015550101', 'secret@a.kz', 'a_tg_1']) {
      expect((await api('GET', '/api/clients', { token: B.token, query: { search } })).body.data, search).toEqual([]);
    }
    const csv = (await api('GET', '/api/clients/export', { token: B.token })).body as string;
    expect(csv).not.toContain('Secret');
    const preview = await api('POST', '/api/clients/import', {
      token: B.token,
      body: { csv: 'Name,Phone,Telegram\nCopy,+77015550101,a_tg_1\n', mapping: { Name: 'name', Phone: 'phone', Telegram: 'telegram' } },
    });
    expect(preview.body).toMatchObject({ create: 1, merge: 0, duplicates: [] });
    const own = await api('POST', '/api/clients', { token: B.token, body: { name: 'Same phone in B', phone: '+77015550101', telegram_id: 'a_tg_1' } });
    expect(own.status).toBe(201);
  });

  it("B cannot pick A's workspace with X-Tenant-ID", async () => {
    const res = await api('GET', '/api/clients', { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(res.status).toBe(403);
  });
});

describe('through SQL as the authenticated role', () => {
  const claims = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });
  const inserts = (): [string, string, string | null][] => [
    ['clients', `insert into clients (workspace_id, name) values ($1, 'x' || coalesce($2, ''))`, null],
    ['client_channels', `insert into client_channels (workspace_id, client_id, channel_type, external_id) values ($1, $2, 'vk', 'sql-' || gen_random_uuid())`, a.id],
    ['client_facts', `insert into client_facts (workspace_id, client_id, text) values ($1, $2, 'f')`, a.id],
    ['client_relations', `insert into client_relations (workspace_id, client_id, related_client_id, relation_type) values ($1, $2, $2, 'x')`, a.id],
  ];
  /** What B sees of A's rows in a table. */
  const seenByB = (table: string, q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) =>
    q(`select * from ${table} where workspace_id = $1`, [A.workspaceId]);

  it.each(TABLES)("A reads its own rows in %s; B sees none of them", async (table) => {
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n, `the superuser sees A's ${table}`).toBeGreaterThan(0);
    expect(await asAuthenticated(db, claims(A), (q) => seenByB(table, q))).toHaveLength(n);
    expect(await asAuthenticated(db, claims(B), (q) => seenByB(table, q))).toEqual([]);
  });

  it.each(TABLES.filter((t) => t !== 'client_relations'))("an INSERT into %s carrying A's workspace_id: allowed for A, refused for B", async (table) => {
    const [, statement, parent] = inserts().find(([t]) => t === table)!;
    const mine = await asAuthenticated(db, claims(A), (q) => q(`${statement} returning id`, [A.workspaceId, parent]));
    expect(mine, 'positive control: the statement itself is valid').toHaveLength(1);
    await expect(asAuthenticated(db, claims(B), (q) => q(statement, [A.workspaceId, parent]))).rejects.toThrow(/row-level security/);
  });

  it("a relation between two of A's clients is refused for B", async () => {
    await expect(
      asAuthenticated(db, claims(B), (q) =>
        q(`insert into client_relations (workspace_id, client_id, related_client_id, relation_type) values ($1, $2, $3, 'x')`, [A.workspaceId, a.id, a2.id]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it.each(['client_channels', 'client_facts'])("a row of B's workspace cannot hang under A's client in %s (composite foreign key)", async (table) => {
    const [, statement] = inserts().find(([t]) => t === table)!;
    await expect(asAuthenticated(db, claims(B), (q) => q(statement, [B.workspaceId, a.id]))).rejects.toThrow(/foreign key/);
  });

  it("B cannot relate its client to A's client (composite foreign key)", async () => {
    await expect(
      asAuthenticated(db, claims(B), (q) =>
        q(`insert into client_relations (workspace_id, client_id, related_client_id, relation_type) values ($1, $2, $3, 'x')`, [B.workspaceId, b.id, a.id]),
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it.each(TABLES)("UPDATE and DELETE of A's rows in %s change nothing for B", async (table) => {
    const col = table === 'clients' ? 'name' : table === 'client_channels' ? 'username' : table === 'client_facts' ? 'text' : 'relation_type';
    const changed = await asAuthenticated(db, claims(B), async (q) => {
      const u = await q(`update ${table} set ${col} = 'hacked' where workspace_id = $1 returning id`, [A.workspaceId]);
      const d = await q(`delete from ${table} where workspace_id = $1 returning id`, [A.workspaceId]);
      return [...u, ...d];
    });
    expect(changed).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1 and ${col} = 'hacked'`, [A.workspaceId]);
    expect(n).toBe(0);
  });

  it("the search function (security definer) answers A's members only", async () => {
    const call = (u: TestUser, ws: string) =>
      asAuthenticated(db, claims(u), (q) => q(`select app.client_search_ids($1, to_tsquery('simple', 'secret:*')) as id`, [ws]));
    expect((await call(A, A.workspaceId)).map((r) => r.id).sort()).toEqual([a.id, a2.id].sort());
    expect(await call(B, A.workspaceId)).toEqual([]);
    expect(await asAuthenticated(db, {}, (q) => q(`select app.client_search_ids($1, to_tsquery('simple', 'secret:*'))`, [A.workspaceId]))).toEqual([]);
  });

  it('a viewer of A reads clients but cannot change them', async () => {
    const viewer = await registerUser();
    await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'viewer')`, [A.workspaceId, viewer.userId]);
    const vClaims = { sub: viewer.userId, role: 'authenticated', workspace_id: A.workspaceId };
    expect((await asAuthenticated(db, vClaims, (q) => q('select id from clients where id = $1', [a.id])))).toHaveLength(1);
    expect(await asAuthenticated(db, vClaims, (q) => q(`update clients set name = 'v' where id = $1 returning id`, [a.id]))).toEqual([]);
    await expect(asAuthenticated(db, vClaims, (q) => q(`insert into client_facts (workspace_id, client_id, text) values ($1, $2, 'v')`, [A.workspaceId, a.id]))).rejects.toThrow(
      /row-level security/,
    );
  });

  it('proof the checks can fail: with clients_select replaced by a policy that forgets the workspace, B sees A (rolled back)', async () => {
    const leaked = await asAuthenticated(db, claims(B), async (q) => {
      await q('reset role');
      await q('drop policy clients_select on public.clients');
      await q('create policy clients_select on public.clients for select to authenticated using (true)');
      await q('set local role authenticated');
      return seenByB('clients', q);
    });
    expect(leaked.map((r) => r.name)).toContain('Secret Client');
    // The transaction rolled back: the real policy is in place again.
    expect(await asAuthenticated(db, claims(B), (q) => seenByB('clients', q))).toEqual([]);
    const [{ qual }] = await db.query<{ qual: string }>(`select qual from pg_policies where tablename = 'clients' and policyname = 'clients_select'`);
    expect(qual).toContain('member_workspaces');
  });
});
