// Deep duplicate: every sub-resource copied with new ids, the original untouched,
// and the copy independent of it afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { auditRows, disableRateLimits, fullAgent, makeAgentReady, setPlan, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let original: any;
let copy: any;

const CHILD_TABLES = [
  'agent_pipelines',
  'agent_channels',
  'agent_knowledge_base',
  'agent_crm_access',
  'agent_update_rules',
  'triggers',
  'chains',
  'company_knowledge',
  'sales_scripts',
  'objection_responses',
];

/** Every id anywhere in a JSON tree (ids of the agent, its rows and their children). */
function idsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => idsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') out.push(v);
      else idsIn(v, out);
    }
  }
  return out;
}

/** The agent's settings without ids, timestamps and names, for comparing a copy with its source. */
function content(agent: any): unknown {
  return JSON.parse(
    JSON.stringify(agent, (k, v) => (['id', 'created_at', 'updated_at', 'name', 'created_by'].includes(k) ? undefined : v)),
  );
}

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Dup Co' });
  await setPlan(db, A.workspaceId, 'max');
  original = await fullAgent(db, A, 'Менеджер Анна');
  const scope = (await api('GET', `/api/agents/${original.id}/knowledge-base`, { token: A.token })).body;
  await makeAgentReady(A.token, original.id, scope.selected_categories);
  expect((await api('PATCH', `/api/agents/${original.id}/toggle`, { token: A.token, body: { is_active: true } })).status).toBe(200);
  await db.query('update triggers set runs_count = 7 where agent_id = $1', [original.id]);
  await db.query('update agents set total_messages = 99 where id = $1', [original.id]);
  original = (await api('GET', `/api/agents/${original.id}`, { token: A.token })).body.agent;
  const res = await api('POST', `/api/agents/${original.id}/duplicate`, { token: A.token });
  expect(res.status).toBe(201);
  copy = res.body.agent;
});
afterAll(teardownTestDatabase);

describe('duplicate', () => {
  it('names the copy "<name> (копия)", switches it off and resets statistics', () => {
    expect(copy.name).toBe('Менеджер Анна (копия)');
    expect(copy.is_active).toBe(false);
    expect(copy.total_messages).toBe(0);
    expect(copy.created_by).toBe(A.userId);
    expect(copy.triggers[0].runs_count).toBe(0);
    expect(original.triggers[0].runs_count).toBe(7);
  });

  it('copies every setting and sub-resource', () => {
    const expected = content({ ...original, is_active: false, total_messages: 0, triggers: original.triggers.map((t: any) => ({ ...t, runs_count: 0 })) });
    expect(content(copy)).toEqual(expected);
    for (const key of ['pipelines', 'update_rules', 'triggers', 'chains', 'company_knowledge', 'sales_scripts', 'objection_responses']) {
      expect(copy[key].length, key).toBeGreaterThan(0);
    }
    expect(copy.chains[0].steps.flatMap((s: any) => s.actions)).toHaveLength(3);
    expect(copy.channels.channels).toEqual(['whatsapp', 'telegram']);
    expect(copy.knowledge_base.selected_categories).toHaveLength(1);
  });

  it('gives every copied row a new id', () => {
    const before = idsIn(original);
    const after = idsIn(copy);
    expect(after.length).toBe(before.length);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
  });

  it('stores the copies in the same workspace, one set per agent', async () => {
    for (const table of CHILD_TABLES) {
      const rows = await db.query<{ agent_id: string; n: number; ws: string }>(
        `select agent_id, count(*)::int as n, min(workspace_id::text) as ws from ${table} where agent_id in ($1, $2) group by agent_id`,
        [original.id, copy.id],
      );
      expect(rows, table).toHaveLength(2);
      expect(rows[0].n, table).toBe(rows[1].n);
      expect(rows.every((r) => r.ws === A.workspaceId), table).toBe(true);
    }
  });

  it('knows every table the agent owns (cascading foreign keys to agents)', async () => {
    const owned = await db.query<{ t: string }>(
      `select conrelid::regclass::text as t from pg_constraint
        where contype = 'f' and confrelid = 'public.agents'::regclass and confdeltype = 'c' order by 1`,
    );
    expect(owned.map((r) => r.t.replace(/^public\./, '')).sort(), 'a new agent-owned table must be copied by duplicate-agent').toEqual(
      [...CHILD_TABLES].sort(),
    );
  });

  it('leaves the original unchanged', async () => {
    const now = (await api('GET', `/api/agents/${original.id}`, { token: A.token })).body.agent;
    expect(now).toEqual(original);
  });

  it('writes one audit row naming the source', async () => {
    const rows = (await auditRows(db, A.workspaceId, 'duplicate_agent')).filter((r) => r.entity_id === copy.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].new_values).toEqual({ source_agent_id: original.id, name: copy.name });
  });

  it('editing or deleting parts of the copy does not touch the original', async () => {
    const c = `/api/agents/${copy.id}`;
    const t = (await api('PATCH', `/api/agents/${copy.id}`, { token: A.token, body: { system_instructions: 'Completely different instructions.' } }));
    expect(t.status).toBe(200);
    await api('PATCH', `${c}/triggers/${copy.triggers[0].id}`, {
      token: A.token,
      body: { name: 'Changed', actions: [{ action_type: 'stop_agent' }] },
    });
    await api('PATCH', `${c}/chains/${copy.chains[0].id}`, {
      token: A.token,
      body: { steps: [{ delay_value: 9, delay_unit: 'Часы', actions: [{ action_type: 'create_task', instruction: 'x' }] }] },
    });
    await api('PUT', `${c}/pipelines`, { token: A.token, body: { pipelines: [] } });
    await api('PUT', `${c}/channels`, { token: A.token, body: { all_channels: true } });
    await api('PUT', `${c}/knowledge-base`, { token: A.token, body: { all_categories: true } });
    await api('PUT', `${c}/crm-access`, { token: A.token, body: {} });
    await api('DELETE', `${c}/update-rules/${copy.update_rules[0].id}`, { token: A.token });
    await api('PATCH', `${c}/knowledge/${copy.company_knowledge[0].id}`, { token: A.token, body: { content: 'changed' } });
    await api('DELETE', `${c}/scripts/${copy.sales_scripts[0].id}`, { token: A.token });
    await api('DELETE', `${c}/objections/${copy.objection_responses[0].id}`, { token: A.token });

    const now = (await api('GET', `/api/agents/${original.id}`, { token: A.token })).body.agent;
    expect(now).toEqual(original);

    const del = await api('DELETE', `/api/agents/${copy.id}`, { token: A.token });
    expect(del.status).toBe(204);
    expect((await api('GET', `/api/agents/${original.id}`, { token: A.token })).body.agent).toEqual(original);
  });

  it('truncates a long name so the copy still fits 255 characters', async () => {
    const long = await api('POST', '/api/agents', { token: A.token, body: { name: 'Я'.repeat(255), system_instructions: 'Ten chars!' } });
    const dup = await api('POST', `/api/agents/${long.body.agent.id}/duplicate`, { token: A.token });
    expect(dup.status).toBe(201);
    expect(dup.body.agent.name).toHaveLength(255);
    expect(dup.body.agent.name.endsWith(' (копия)')).toBe(true);
  });

  it('answers 404 for an unknown agent', async () => {
    expect((await api('POST', '/api/agents/00000000-0000-4000-8000-000000000000/duplicate', { token: A.token })).status).toBe(404);
  });
});
