// Tenant isolation for the CRM set-up tables (pipelines, pipeline_stages, crm_fields, verticals,
// price_list_items): through the API another workspace's records are simply not found, and
// through SQL as the authenticated role RLS is the second wall. One rolled-back transaction per
// table swaps the select policy for an open one and shows the same query would then leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let aPipe: any;
let bPipe: any;
let aField: any;
let aItem: any;

const TABLES = ['pipelines', 'pipeline_stages', 'crm_fields', 'verticals', 'price_list_items'] as const;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  aPipe = (await api('POST', '/api/pipelines', { token: A.token, body: { name: 'A extra' } })).body.pipeline;
  bPipe = (await api('GET', '/api/pipelines', { token: B.token })).body.pipelines[0];
  aField = (await api('POST', '/api/crm/fields', { token: A.token, body: { entity_type: 'deal', code: 'a_secret', name: 'A', field_type: 'text' } })).body.field;
  await api('POST', '/api/verticals', { token: A.token, body: { code: 'a_vertical', name: 'A vertical', stages: [{ name: 'One' }] } });
  aItem = (await api('POST', '/api/price-list', { token: A.token, body: { category: 'A cat', service_name: 'A service', price_from: 1 } })).body.item;
});
afterAll(teardownTestDatabase);

describe('through the API', () => {
  it("B's lists hold only B's records", async () => {
    const pipes = (await api('GET', '/api/pipelines', { token: B.token })).body.pipelines;
    expect(pipes.map((p: any) => p.id)).toEqual([bPipe.id]);
    expect((await api('GET', '/api/crm/fields', { token: B.token })).body.fields).toEqual([]);
    expect((await api('GET', '/api/verticals', { token: B.token })).body.data.every((v: any) => v.built_in)).toBe(true);
    expect((await api('GET', '/api/price-list', { token: B.token })).body.data).toEqual([]);
    const csv = await api('GET', '/api/price-list/export', { token: B.token });
    expect(csv.body).not.toContain('A service');
  });

  it("B gets 404 reading or writing A's records, and A's data stays", async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/pipelines/${aPipe.id}`],
      ['PATCH', `/api/pipelines/${aPipe.id}`, { name: 'hacked' }],
      ['PUT', `/api/pipelines/${aPipe.id}/stages`, { stages: [{ name: 'hacked' }] }],
      ['DELETE', `/api/pipelines/${aPipe.id}`],
      ['GET', `/api/crm/fields/${aField.id}`],
      ['PATCH', `/api/crm/fields/${aField.id}`, { name: 'hacked' }],
      ['DELETE', `/api/crm/fields/${aField.id}`],
      ['GET', '/api/verticals/a_vertical'],
      ['PATCH', '/api/verticals/a_vertical', { name: 'hacked' }],
      ['DELETE', '/api/verticals/a_vertical'],
      ['GET', `/api/price-list/${aItem.id}`],
      ['PATCH', `/api/price-list/${aItem.id}`, { price_from: 0 }],
      ['DELETE', `/api/price-list/${aItem.id}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(method, path, { token: B.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await api('GET', `/api/pipelines/${aPipe.id}`, { token: A.token })).body.pipeline).toEqual(aPipe);
    expect((await api('GET', `/api/crm/fields/${aField.id}`, { token: A.token })).body.field).toEqual(aField);
    expect((await api('GET', '/api/verticals/a_vertical', { token: A.token })).body.vertical.name).toBe('A vertical');
    expect((await api('GET', `/api/price-list/${aItem.id}`, { token: A.token })).body.item).toEqual(aItem);
  });

  it("A's ids inside B's requests are refused, never used", async () => {
    // A stage of A's pipeline in B's stage list
    expectFieldError(await api('PUT', `/api/pipelines/${bPipe.id}/stages`, { token: B.token, body: { stages: [{ id: aPipe.stages[0].id, name: 'x' }] } }), 'stages.0.id');
    // A's own vertical as B's template
    expectFieldError(await api('POST', '/api/pipelines', { token: B.token, body: { name: 'x', vertical_code: 'a_vertical' } }), 'vertical_code');
    // A's stage as the target for B's deals
    const extra = (await api('POST', '/api/pipelines', { token: B.token, body: { name: 'B extra' } })).body.pipeline;
    const [client] = await db.query<{ id: string }>(`insert into clients (workspace_id, name) values ($1, 'b') returning id`, [B.workspaceId]);
    await db.query(`insert into conversations (workspace_id, client_id, pipeline_id, stage_id) values ($1, $2, $3, $4)`, [B.workspaceId, client.id, extra.id, extra.stages[0].id]);
    expectFieldError(await api('DELETE', `/api/pipelines/${extra.id}`, { token: B.token, query: { move_to: aPipe.stages[0].id } }), 'move_to');
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from conversations where workspace_id = $1 and pipeline_id = $2`, [B.workspaceId, extra.id]);
    expect(n).toBe(1);
  });

  it("B cannot pick A's workspace with X-Tenant-ID", async () => {
    const res = await api('GET', '/api/pipelines', { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(res.status).toBe(403);
  });
});

describe('through SQL as the authenticated role', () => {
  const claims = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });
  const inserts = (): Record<(typeof TABLES)[number], [string, unknown]> => ({
    pipelines: [`insert into pipelines (workspace_id, name) values ($1, 'sql ' || gen_random_uuid())`, null],
    pipeline_stages: [`insert into pipeline_stages (workspace_id, pipeline_id, code, name) values ($1, $2, 'sql_' || substr(md5(random()::text), 1, 8), 'S')`, aPipe.id],
    crm_fields: [`insert into crm_fields (workspace_id, entity_type, code, name, field_type) values ($1, 'contact', 'sql_' || substr(md5(random()::text), 1, 8), 'F', 'text')`, null],
    verticals: [`insert into verticals (workspace_id, code, name) values ($1, 'sql_' || substr(md5(random()::text), 1, 8), 'V')`, null],
    price_list_items: [`insert into price_list_items (workspace_id, category, service_name, price_from) values ($1, 'c', 's', 1)`, null],
  });
  const run = (statement: string, ws: string, parent: unknown) => (q: (t: string, p?: unknown[]) => Promise<unknown[]>) =>
    q(statement, parent === null ? [ws] : [ws, parent]);

  it.each(TABLES)("A sees its own %s rows; B sees none of them", async (table) => {
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n).toBeGreaterThan(0);
    expect(await asAuthenticated(db, claims(A), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toHaveLength(n);
    expect(await asAuthenticated(db, claims(B), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toEqual([]);
    const all = await asAuthenticated(db, claims(B), (q) => q(`select workspace_id from ${table}`));
    expect(all.every((r) => r.workspace_id === B.workspaceId)).toBe(true);
  });

  it.each(TABLES)("an INSERT into %s with A's workspace_id: allowed for A, refused for B", async (table) => {
    const [statement, parent] = inserts()[table];
    expect(await asAuthenticated(db, claims(A), async (q) => (await run(`${statement} returning id`, A.workspaceId, parent)(q)).length)).toBe(1);
    await expect(asAuthenticated(db, claims(B), run(statement, A.workspaceId, parent))).rejects.toThrow(/row-level security/);
  });

  it("a stage of B's workspace cannot hang under A's pipeline (composite foreign key)", async () => {
    const [statement, parent] = inserts().pipeline_stages;
    await expect(asAuthenticated(db, claims(B), run(statement, B.workspaceId, parent))).rejects.toThrow(/foreign key/);
  });

  it.each(TABLES)("UPDATE and DELETE of A's %s rows change nothing for B", async (table) => {
    const changed = await asAuthenticated(db, claims(B), async (q) => [
      ...(await q(`update ${table} set updated_at = now() where workspace_id = $1 returning id`, [A.workspaceId])),
      ...(await q(`delete from ${table} where workspace_id = $1 returning id`, [A.workspaceId])),
    ]);
    expect(changed).toEqual([]);
  });

  it.each(TABLES)('with the %s select policy swapped for an open one, the same query leaks (rolled back)', async (table) => {
    const client = db.pool ? await db.pool.connect() : undefined;
    const q = async (text: string, params?: unknown[]) => (client ? (await client.query(text, params)).rows : await db.query(text, params));
    await q('begin');
    try {
      await q(`drop policy ${table}_select on public.${table}`);
      await q(`create policy ${table}_leak on public.${table} for select to authenticated using (true)`);
      await q(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims(B))]);
      await q('set local role authenticated');
      const leaked = await q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]);
      expect(leaked.length, 'without the policy B reads A').toBeGreaterThan(0);
    } finally {
      await q('rollback');
      client?.release();
    }
    // the policy is back
    expect(await asAuthenticated(db, claims(B), (q2) => q2(`select id from ${table} where workspace_id = $1`, [A.workspaceId]))).toEqual([]);
  });
});
