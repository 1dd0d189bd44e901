// Tenant isolation for every agents table: through the API (another workspace's ids are
// simply not found) and through SQL as the authenticated role (RLS is the second wall).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { INSTRUCTIONS, addMember, chainBody, disableRateLimits, fullAgent, newAgent, triggerBody, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let a: any;
let bare: { id: string };
let stepId: string;

const TABLES = [
  'agents',
  'agent_pipelines',
  'agent_channels',
  'agent_knowledge_base',
  'agent_crm_access',
  'agent_update_rules',
  'triggers',
  'trigger_actions',
  'chains',
  'chain_steps',
  'chain_step_actions',
  'company_knowledge',
  'sales_scripts',
  'objection_responses',
];

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  a = await fullAgent(db, A, 'A agent');
  bare = await newAgent(A.token, { name: 'A bare agent' });
  // A bare agent has no settings rows (new agents get a knowledge-base scope row: all categories).
  await db.query('delete from agent_knowledge_base where agent_id = $1', [bare.id]);
  stepId = a.chains[0].steps[0].id;
  await newAgent(B.token, { name: 'B agent' });
});
afterAll(teardownTestDatabase);

describe('through the API', () => {
  const agentPaths = () => {
    const b = `/api/agents/${a.id}`;
    return {
      reads: [
        b,
        `${b}/pipelines`,
        `${b}/channels`,
        `${b}/knowledge-base`,
        `${b}/crm-access`,
        `${b}/update-rules`,
        `${b}/update-rules/${a.update_rules[0].id}`,
        `${b}/triggers`,
        `${b}/triggers/${a.triggers[0].id}`,
        `${b}/chains`,
        `${b}/chains/${a.chains[0].id}`,
        `${b}/knowledge`,
        `${b}/knowledge/${a.company_knowledge[0].id}`,
        `${b}/scripts`,
        `${b}/scripts/${a.sales_scripts[0].id}`,
        `${b}/objections`,
        `${b}/objections/${a.objection_responses[0].id}`,
      ],
      writes: [
        ['PATCH', b, { name: 'hacked' }],
        ['PATCH', `${b}/toggle`],
        ['POST', `${b}/duplicate`],
        ['PUT', `${b}/pipelines`, { pipelines: [] }],
        ['PUT', `${b}/channels`, { all_channels: true }],
        ['PUT', `${b}/knowledge-base`, { all_categories: true }],
        ['PUT', `${b}/crm-access`, {}],
        ['POST', `${b}/update-rules`, { entity_type: 'deal', field_id: 'x', condition: 'hacked rule' }],
        ['PATCH', `${b}/update-rules/${a.update_rules[0].id}`, { overwrite: true }],
        ['PUT', `${b}/update-rules/order`, { ids: a.update_rules.map((r: { id: string }) => r.id).reverse() }],
        ['DELETE', `${b}/update-rules/${a.update_rules[0].id}`],
        ['POST', `${b}/triggers`, triggerBody()],
        ['PATCH', `${b}/triggers/${a.triggers[0].id}`, { name: 'hacked' }],
        ['PATCH', `${b}/triggers/${a.triggers[0].id}/toggle`],
        ['DELETE', `${b}/triggers/${a.triggers[0].id}`],
        ['POST', `${b}/chains`, chainBody()],
        ['PATCH', `${b}/chains/${a.chains[0].id}`, { name: 'hacked' }],
        ['PATCH', `${b}/chains/${a.chains[0].id}/toggle`],
        ['DELETE', `${b}/chains/${a.chains[0].id}`],
        ['POST', `${b}/knowledge`, { title: 't', content: 'c' }],
        ['PATCH', `${b}/knowledge/${a.company_knowledge[0].id}`, { title: 'hacked' }],
        ['DELETE', `${b}/knowledge/${a.company_knowledge[0].id}`],
        ['POST', `${b}/scripts`, { name: 'n', script: 's' }],
        ['PATCH', `${b}/scripts/${a.sales_scripts[0].id}`, { name: 'hacked' }],
        ['DELETE', `${b}/scripts/${a.sales_scripts[0].id}`],
        ['POST', `${b}/objections`, { objection: 'o', response: 'r' }],
        ['PATCH', `${b}/objections/${a.objection_responses[0].id}`, { response: 'hacked' }],
        ['DELETE', `${b}/objections/${a.objection_responses[0].id}`],
        ['DELETE', b],
      ] as [string, string, unknown?][],
    };
  };

  it("B lists only B's agents", async () => {
    const res = await api('GET', '/api/agents', { token: B.token, query: { limit: 100 } });
    expect(res.body.agents.map((x: { name: string }) => x.name)).toEqual(['B agent']);
    expect(res.body.pagination.total).toBe(1);
  });

  it("B gets 404 reading A's agent and each of its sub-resources", async () => {
    for (const path of agentPaths().reads) {
      const res = await api('GET', path, { token: B.token });
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it("B gets 404 on every write to A's agent and A's data stays as it was", async () => {
    for (const [method, path, body] of agentPaths().writes) {
      const res = await api(method, path, { token: B.token, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
    }
    const now = await api('GET', `/api/agents/${a.id}`, { token: A.token });
    expect(now.body.agent).toEqual(a);
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from agents where workspace_id = $1', [B.workspaceId]);
    expect(n, 'no duplicate landed in B').toBe(1);
  });

  it("B cannot reach A's trigger through B's own agent", async () => {
    const mine = (await api('GET', '/api/agents', { token: B.token })).body.agents[0].id;
    expect((await api('GET', `/api/agents/${mine}/triggers/${a.triggers[0].id}`, { token: B.token })).status).toBe(404);
    expect((await api('DELETE', `/api/agents/${mine}/chains/${a.chains[0].id}`, { token: B.token })).status).toBe(404);
    expect((await api('PATCH', `/api/agents/${mine}/knowledge/${a.company_knowledge[0].id}`, { token: B.token, body: { title: 'x' } })).status).toBe(404);
  });

  it("B cannot pick A's workspace with X-Tenant-ID", async () => {
    const res = await api('GET', `/api/agents/${a.id}`, { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_a_member');
  });
});

describe('through SQL as the authenticated role', () => {
  const claims = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });

  /** One INSERT per table; $1 is the workspace, $2 the parent row (A's rows). */
  const inserts = (): [string, string, string | null][] => [
    ['agents', `insert into agents (workspace_id, name, model, system_instructions) values ($1, 'x', 'gpt-4.1', $2)`, INSTRUCTIONS],
    ['agent_pipelines', `insert into agent_pipelines (workspace_id, agent_id, pipeline_id, pipeline_name) values ($1, $2, 'p9', 'P')`, bare.id],
    ['agent_channels', `insert into agent_channels (workspace_id, agent_id) values ($1, $2)`, bare.id],
    ['agent_knowledge_base', `insert into agent_knowledge_base (workspace_id, agent_id) values ($1, $2)`, bare.id],
    ['agent_crm_access', `insert into agent_crm_access (workspace_id, agent_id) values ($1, $2)`, bare.id],
    ['agent_update_rules', `insert into agent_update_rules (workspace_id, agent_id, entity_type, field_id, condition) values ($1, $2, 'deal', 'f', 'cond!')`, bare.id],
    ['triggers', `insert into triggers (workspace_id, agent_id, name, condition) values ($1, $2, 't', 'cond!')`, bare.id],
    ['trigger_actions', `insert into trigger_actions (workspace_id, trigger_id, action_type) values ($1, $2, 'stop_agent')`, a.triggers[0].id],
    ['chains', `insert into chains (workspace_id, agent_id, name) values ($1, $2, 'c')`, bare.id],
    ['chain_steps', `insert into chain_steps (workspace_id, chain_id, order_index, delay_value, delay_unit) values ($1, $2, 99, 1, 'Часы')`, a.chains[0].id],
    ['chain_step_actions', `insert into chain_step_actions (workspace_id, step_id, action_type, instruction) values ($1, $2, 'create_task', 'x')`, stepId],
    ['company_knowledge', `insert into company_knowledge (workspace_id, agent_id, title, content) values ($1, $2, 't', 'c')`, bare.id],
    ['sales_scripts', `insert into sales_scripts (workspace_id, agent_id, name, script) values ($1, $2, 'n', 's')`, bare.id],
    ['objection_responses', `insert into objection_responses (workspace_id, agent_id, objection, response) values ($1, $2, 'o', 'r')`, bare.id],
  ];

  it('the statements cover every table', () => {
    expect(inserts().map(([t]) => t)).toEqual(TABLES);
  });

  it.each(TABLES)("A reads its own rows in %s (the policies let members in)", async (table) => {
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n, `the superuser sees A's ${table}`).toBeGreaterThan(0);
    const rows = await asAuthenticated(db, claims(A), (q) => q(`select id from ${table} where workspace_id = $1`, [A.workspaceId]));
    expect(rows).toHaveLength(n);
  });

  it.each(TABLES)("A's rows in %s are invisible to B", async (table) => {
    const rows = await asAuthenticated(db, claims(B), (q) => q(`select * from ${table} where workspace_id = $1`, [A.workspaceId]));
    expect(rows).toEqual([]);
    const all = await asAuthenticated(db, claims(B), (q) => q(`select workspace_id from ${table}`));
    expect(all.every((r) => r.workspace_id === B.workspaceId)).toBe(true);
  });

  it.each(TABLES)('an INSERT into %s carrying A\'s workspace_id: allowed for A, refused for B', async (table) => {
    const [, statement, parent] = inserts().find(([t]) => t === table)!;
    const params = [A.workspaceId, parent];
    const mine = await asAuthenticated(db, claims(A), (q) => q(`${statement} returning id`, params));
    expect(mine, 'positive control: the statement itself is valid').toHaveLength(1);
    await expect(asAuthenticated(db, claims(B), (q) => q(statement, params))).rejects.toThrow(/row-level security/);
  });

  it.each(TABLES.filter((t) => t !== 'agents'))(
    "a row of B's workspace cannot hang under A's parent in %s (composite foreign key)",
    async (table) => {
      const [, statement, parent] = inserts().find(([t]) => t === table)!;
      await expect(asAuthenticated(db, claims(B), (q) => q(statement, [B.workspaceId, parent]))).rejects.toThrow(/foreign key/);
    },
  );

  it.each(TABLES)("UPDATE and DELETE of A's rows in %s change nothing for B", async (table) => {
    const changed = await asAuthenticated(db, claims(B), async (q) => {
      // A column the role may update where the table grants only some (agents): the rows stay out of reach.
      const col = table === 'agents' ? 'name' : 'workspace_id';
      const value = table === 'agents' ? 'hacked' : B.workspaceId;
      const u = await q(`update ${table} set ${col} = $2 where workspace_id = $1 returning id`, [A.workspaceId, value]);
      const d = await q(`delete from ${table} where workspace_id = $1 returning id`, [A.workspaceId]);
      return [...u, ...d];
    });
    expect(changed).toEqual([]);
  });

  it('A cannot move its own rows into B (the column is not updatable; the policy checks the new row too)', async () => {
    await expect(
      asAuthenticated(db, claims(A), (q) => q('update agents set workspace_id = $2 where id = $1', [a.id, B.workspaceId])),
    ).rejects.toThrow(/permission denied|row-level security/);
    await expect(
      asAuthenticated(db, claims(A), (q) => q('update agent_pipelines set workspace_id = $2 where agent_id = $1', [a.id, B.workspaceId])),
    ).rejects.toThrow(/permission denied|row-level security/);
  });

  it("a viewer of A reads A's agents through SQL but cannot write them", async () => {
    const viewer = await addMember(db, A, 'viewer');
    const vClaims = { sub: viewer.userId, role: 'authenticated', workspace_id: A.workspaceId };
    const rows = await asAuthenticated(db, vClaims, (q) => q('select id from agents where workspace_id = $1', [A.workspaceId]));
    expect(rows.length).toBeGreaterThan(0);
    const [, statement, parent] = inserts().find(([t]) => t === 'triggers')!;
    await expect(asAuthenticated(db, vClaims, (q) => q(statement, [A.workspaceId, parent]))).rejects.toThrow(/row-level security/);
    const updated = await asAuthenticated(db, vClaims, (q) => q(`update agents set name = 'v' where id = $1 returning id`, [a.id]));
    expect(updated).toEqual([]);
  });

  it('with no claims nothing is visible', async () => {
    for (const table of TABLES) {
      expect(await asAuthenticated(db, {}, (q) => q(`select id from ${table}`)), table).toEqual([]);
    }
  });
});
