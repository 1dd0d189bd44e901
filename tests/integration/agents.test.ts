// Agents: CRUD, list, validation, plan limits, toggle, roles and audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { MODELS } from '@/lib/ai/models';
import {
  INSTRUCTIONS,
  addMember,
  auditRows,
  chainBody,
  disableRateLimits,
  expectFieldError,
  addActiveArticle,
  makeAgentReady,
  newAgent,
  setPlan,
  triggerBody,
  type TestUser,
} from './agents-fixtures';

let db: Database;
let A: TestUser;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  // Room for many agents; the trial limits have their own tests below.
  await setPlan(db, A.workspaceId, 'max');
});
afterAll(teardownTestDatabase);

const week = [
  { day: 'Понедельник', enabled: true, start: '09:00', end: '18:00' },
  { day: 'Суббота', enabled: false, start: '10:00', end: '14:00' },
];

describe('models', () => {
  it('lists the registry with the seed default', async () => {
    const res = await api('GET', '/api/agents/models', { token: A.token });
    expect(res.status).toBe(200);
    expect(res.body.default_model).toBe('gpt-4.1');
    expect(res.body.models).toHaveLength(MODELS.length);
    const labels = res.body.models.map((m: { label: string }) => m.label);
    expect(labels).toEqual(expect.arrayContaining(['OpenAI GPT-4.1', 'OpenAI GPT-4o', 'Gemini 2.5 Flash']));
    expect(labels).not.toContain('Gemini 1.5 Pro');
    expect(res.body.models[0]).toEqual({
      id: 'gpt-4.1',
      provider: 'openai',
      provider_model: 'gpt-4.1',
      label: 'OpenAI GPT-4.1',
      configured: false,
      context_tokens: 1_047_576,
      price_in_per_mtok: 2,
      price_out_per_mtok: 8,
    });
  });
});

describe('create, read, update, delete', () => {
  it('creates an agent with the seed defaults and audits it', async () => {
    const res = await api('POST', '/api/agents', {
      token: A.token,
      body: { name: '  Sales Agent  ', is_active: false, system_instructions: INSTRUCTIONS },
    });
    expect(res.status).toBe(201);
    expect(res.body.agent).toMatchObject({
      name: 'Sales Agent',
      is_active: false,
      model: 'gpt-4.1',
      system_instructions: INSTRUCTIONS,
      check_before_send: false,
      creativity_level: 'balanced',
      response_delay_seconds: 45,
      schedule_enabled: false,
      working_schedule: null,
      total_messages: 0,
      total_conversations: 0,
      created_by: A.userId,
    });
    const [row] = await db.query<{ workspace_id: string }>('select workspace_id from agents where id = $1', [res.body.agent.id]);
    expect(row.workspace_id).toBe(A.workspaceId);
    const audit = await auditRows(db, A.workspaceId, 'create_agent');
    expect(audit.at(-1)).toMatchObject({ entity_type: 'agent', entity_id: res.body.agent.id, user_id: A.userId });
    expect(audit.at(-1)!.new_values).toMatchObject({ name: 'Sales Agent', model: 'gpt-4.1' });
  });

  it('accepts every field on create', async () => {
    const body = {
      name: 'Everything',
      is_active: true,
      model: 'gemini-2.5-flash',
      system_instructions: INSTRUCTIONS,
      check_before_send: true,
      auto_detect_language: true,
      response_language: 'kk',
      creativity_level: 'creative',
      response_delay_seconds: 0,
      schedule_enabled: true,
      working_schedule: week,
    };
    const res = await api('POST', '/api/agents', { token: A.token, body });
    expect(res.status).toBe(201);
    expect(res.body.agent).toMatchObject(body);
  });

  it('returns the agent with all settings, defaults where nothing is set', async () => {
    const agent = await newAgent(A.token);
    const res = await api('GET', `/api/agents/${agent.id}`, { token: A.token });
    expect(res.status).toBe(200);
    expect(res.body.agent).toMatchObject({
      id: agent.id,
      pipelines: [],
      channels: { all_channels: false, channels: [] },
      // New agents answer from every knowledge-base category.
      knowledge_base: { all_categories: true, selected_categories: [], create_task_if_no_answer: false, no_answer_message: null },
      crm_access: { read_deal_fields: [], read_contact_fields: [] },
      update_rules: [],
      triggers: [],
      chains: [],
      company_knowledge: [],
      sales_scripts: [],
      objection_responses: [],
    });
  });

  it('updates fields per seed and audits only what changed', async () => {
    const agent = await newAgent(A.token);
    // Switching on needs an agent that can answer: knowledge-base-only (below) with an article.
    await addActiveArticle(A.token);
    const patch = {
      kb_only: true,
      name: 'Updated Name',
      is_active: true,
      system_instructions: 'Be concise and polite, always.',
      check_before_send: true,
      creativity_level: 'precise',
      response_delay_seconds: 300,
      model: 'gpt-4o-mini',
    };
    const res = await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: patch });
    expect(res.status).toBe(200);
    expect(res.body.agent).toMatchObject(patch);
    const [audit] = (await auditRows(db, A.workspaceId, 'update_agent')).filter((r) => r.entity_id === agent.id);
    expect(audit.old_values).toMatchObject({ name: 'Sales Agent', is_active: false, response_delay_seconds: 45 });
    expect(audit.new_values).toMatchObject({ name: 'Updated Name', is_active: true, response_delay_seconds: 300 });
    expect(audit.new_values).not.toHaveProperty('auto_detect_language');

    const same = await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { name: 'Updated Name' } });
    expect(same.status).toBe(200);
    const after = (await auditRows(db, A.workspaceId, 'update_agent')).filter((r) => r.entity_id === agent.id);
    expect(after, 'a PATCH that changes nothing writes no audit row').toHaveLength(1);
  });

  it('edits working hours on the agent', async () => {
    const agent = await newAgent(A.token);
    const res = await api('PATCH', `/api/agents/${agent.id}`, {
      token: A.token,
      body: { schedule_enabled: true, working_schedule: week },
    });
    expect(res.status).toBe(200);
    expect(res.body.agent).toMatchObject({ schedule_enabled: true, working_schedule: week });
    // The same days again are no change, although JSONB returns their keys in another order.
    await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { working_schedule: week } });
    const audits = (await auditRows(db, A.workspaceId, 'update_agent')).filter((r) => r.entity_id === agent.id);
    expect(audits).toHaveLength(1);
    // Switching the schedule off keeps the days for later.
    const off = await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { schedule_enabled: false } });
    expect(off.body.agent).toMatchObject({ schedule_enabled: false, working_schedule: week });
  });

  it('refuses working hours switched on without an enabled day (checked on the merged agent)', async () => {
    const agent = await newAgent(A.token);
    expectFieldError(await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { schedule_enabled: true } }), 'working_schedule');
    expectFieldError(
      await api('POST', '/api/agents', {
        token: A.token,
        body: { name: 'x', system_instructions: INSTRUCTIONS, schedule_enabled: true, working_schedule: [{ ...week[1] }] },
      }),
      'working_schedule',
    );
  });

  it('deletes an agent with everything it owns and audits it', async () => {
    const agent = await newAgent(A.token);
    await api('POST', `/api/agents/${agent.id}/triggers`, { token: A.token, body: triggerBody() });
    await api('POST', `/api/agents/${agent.id}/chains`, { token: A.token, body: chainBody() });
    const res = await api('DELETE', `/api/agents/${agent.id}`, { token: A.token });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect((await api('GET', `/api/agents/${agent.id}`, { token: A.token })).status).toBe(404);
    expect((await api('DELETE', `/api/agents/${agent.id}`, { token: A.token })).status).toBe(404);
    for (const table of ['triggers', 'chains']) {
      const rows = await db.query(`select 1 from ${table} where agent_id = $1`, [agent.id]);
      expect(rows, table).toEqual([]);
    }
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from chain_step_actions a join chain_steps s on s.id = a.step_id join chains c on c.id = s.chain_id where c.agent_id = $1`,
      [agent.id],
    );
    expect(n).toBe(0);
    const audit = (await auditRows(db, A.workspaceId, 'delete_agent')).filter((r) => r.entity_id === agent.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].old_values).toMatchObject({ name: 'Sales Agent' });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await api('GET', '/api/agents/00000000-0000-4000-8000-000000000000', { token: A.token })).status).toBe(404);
    expect((await api('GET', '/api/agents/not-a-uuid', { token: A.token })).status).toBe(404);
    expect((await api('PATCH', '/api/agents/not-a-uuid/toggle', { token: A.token })).status).toBe(404);
  });

  it('requires authentication and a JSON body', async () => {
    expect((await api('GET', '/api/agents')).status).toBe(401);
    const res = await api('POST', '/api/agents', { token: A.token, body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });
});

describe('toggle', () => {
  it('flips without a body, sets with one, and audits each change', async () => {
    const agent = await newAgent(A.token);
    await makeAgentReady(A.token, agent.id);
    const on = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token });
    expect(on.status).toBe(200);
    expect(on.body.agent.is_active).toBe(true);
    const off = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token });
    expect(off.body.agent.is_active).toBe(false);
    const set = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token, body: { is_active: true } });
    expect(set.body.agent.is_active).toBe(true);
    const again = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token, body: { is_active: true } });
    expect(again.body.agent.is_active).toBe(true);
    expectFieldError(await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token, body: { is_active: 'yes' } }), 'is_active');
    const audit = (await auditRows(db, A.workspaceId, 'toggle_agent')).filter((r) => r.entity_id === agent.id);
    expect(audit.map((r) => [r.old_values.is_active, r.new_values.is_active])).toEqual([
      [false, true],
      [true, false],
      [false, true],
      [true, true],
    ]);
  });
});

describe('list, pagination and search', () => {
  let L: TestUser;
  beforeAll(async () => {
    L = await registerUser({ company_name: 'Listing Co' });
    await setPlan(db, L.workspaceId, 'max');
    for (let i = 1; i <= 12; i++) {
      await newAgent(L.token, { name: i % 3 === 0 ? `Support bot ${i}` : `Sales bot ${i}`, is_active: i % 2 === 0 });
    }
    await newAgent(L.token, { name: 'Discount 100% bot' });
  });

  it('pages newest first with the seed pagination block and summary fields', async () => {
    const p1 = await api('GET', '/api/agents', { token: L.token, query: { page: 1, limit: 5 } });
    expect(p1.status).toBe(200);
    expect(p1.body.pagination).toEqual({ page: 1, limit: 5, total: 13, pages: 3 });
    expect(p1.body.agents).toHaveLength(5);
    expect(p1.body.agents[0].name).toBe('Discount 100% bot');
    expect(Object.keys(p1.body.agents[0]).sort()).toEqual(
      ['created_at', 'crm_warnings', 'id', 'is_active', 'kb_only', 'model', 'name', 'readiness', 'total_conversations', 'total_messages'].sort(),
    );
    const p3 = await api('GET', '/api/agents', { token: L.token, query: { page: 3, limit: 5 } });
    expect(p3.body.agents).toHaveLength(3);
    const all = [...p1.body.agents, ...(await api('GET', '/api/agents', { token: L.token, query: { page: 2, limit: 5 } })).body.agents, ...p3.body.agents];
    expect(new Set(all.map((a: { id: string }) => a.id)).size).toBe(13);
    const beyond = await api('GET', '/api/agents', { token: L.token, query: { page: 9, limit: 5 } });
    expect(beyond.body.agents).toEqual([]);
    expect(beyond.body.pagination.total).toBe(13);
  });

  it('defaults to page 1, limit 10', async () => {
    const res = await api('GET', '/api/agents', { token: L.token });
    expect(res.body.pagination).toEqual({ page: 1, limit: 10, total: 13, pages: 2 });
  });

  it('searches names case-insensitively and treats % literally', async () => {
    const res = await api('GET', '/api/agents', { token: L.token, query: { search: 'SUPPORT' } });
    expect(res.body.agents.map((a: { name: string }) => a.name).sort()).toEqual(
      ['Support bot 12', 'Support bot 3', 'Support bot 6', 'Support bot 9'].sort(),
    );
    expect(res.body.pagination.total).toBe(4);
    const pct = await api('GET', '/api/agents', { token: L.token, query: { search: '100%' } });
    expect(pct.body.agents.map((a: { name: string }) => a.name)).toEqual(['Discount 100% bot']);
    const underscore = await api('GET', '/api/agents', { token: L.token, query: { search: '_' } });
    expect(underscore.body.agents).toEqual([]);
  });

  it('filters by is_active, combined with search', async () => {
    const active = await api('GET', '/api/agents', { token: L.token, query: { is_active: true, limit: 100 } });
    expect(active.body.pagination.total).toBe(6);
    expect(active.body.agents.every((a: { is_active: boolean }) => a.is_active)).toBe(true);
    const both = await api('GET', '/api/agents', { token: L.token, query: { is_active: 'false', search: 'support' } });
    expect(both.body.agents.map((a: { name: string }) => a.name).sort()).toEqual(['Support bot 3', 'Support bot 9']);
  });

  it.each([
    [{ limit: 101 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ page: 0 }, 'page'],
    [{ page: 'x' }, 'page'],
    [{ is_active: 'maybe' }, 'is_active'],
    [{ search: 'x'.repeat(256) }, 'search'],
  ])('refuses query %o naming %s', async (query, field) => {
    expectFieldError(await api('GET', '/api/agents', { token: L.token, query }), field);
  });

  it("shows only the caller's workspace", async () => {
    const res = await api('GET', '/api/agents', { token: A.token, query: { search: 'bot', limit: 100 } });
    expect(res.body.agents).toEqual([]);
  });
});

describe('validation (seed "Валидация данных")', () => {
  const valid = { name: 'Agent', system_instructions: INSTRUCTIONS };
  const day = (over: Record<string, unknown>) => [{ day: 'Вторник', enabled: true, start: '09:00', end: '18:00', ...over }];

  it.each([
    [{ system_instructions: INSTRUCTIONS }, 'name'],
    [{ ...valid, name: '' }, 'name'],
    [{ ...valid, name: '   ' }, 'name'],
    [{ ...valid, name: 'x'.repeat(256) }, 'name'],
    [{ ...valid, name: 42 }, 'name'],
    [{ name: 'Agent' }, 'system_instructions'],
    [{ ...valid, system_instructions: 'too short' }, 'system_instructions'],
    [{ ...valid, system_instructions: 'x'.repeat(40_001) }, 'system_instructions'],
    [{ ...valid, model: 'gpt-5-ultra' }, 'model'],
    [{ ...valid, model: 'OpenAI GPT-4.1' }, 'model'],
    [{ ...valid, creativity_level: 'wild' }, 'creativity_level'],
    [{ ...valid, response_delay_seconds: -1 }, 'response_delay_seconds'],
    [{ ...valid, response_delay_seconds: 301 }, 'response_delay_seconds'],
    [{ ...valid, response_delay_seconds: 1.5 }, 'response_delay_seconds'],
    [{ ...valid, response_delay_seconds: '45' }, 'response_delay_seconds'],
    [{ ...valid, is_active: 'yes' }, 'is_active'],
    [{ ...valid, check_before_send: 1 }, 'check_before_send'],
    [{ ...valid, response_language: 'russian' }, 'response_language'],
    [{ ...valid, working_schedule: day({ day: 'Monday' }) }, 'working_schedule.0.day'],
    [{ ...valid, working_schedule: day({ start: '25:00' }) }, 'working_schedule.0.start'],
    [{ ...valid, working_schedule: day({ end: '9:00' }) }, 'working_schedule.0.end'],
    [{ ...valid, working_schedule: day({ start: '18:00', end: '09:00' }) }, 'working_schedule.0.end'],
    [{ ...valid, working_schedule: day({ start: '09:00', end: '09:00' }) }, 'working_schedule.0.end'],
    [{ ...valid, working_schedule: day({ enabled: 'on' }) }, 'working_schedule.0.enabled'],
    [{ ...valid, working_schedule: [...day({}), ...day({})] }, 'working_schedule.1.day'],
    [{ ...valid, working_schedule: 'weekdays' }, 'working_schedule'],
    [{ ...valid, total_messages: 5 }, '(body)'],
  ])('POST refuses %# naming %s', async (body, field) => {
    const res = await api('POST', '/api/agents', { token: A.token, body });
    expectFieldError(res, field);
    expect(res.body.error.message).toContain(field === '(body)' ? 'Invalid value' : field.split('.')[0]);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ system_instructions: '123456789' }, 'system_instructions'],
    [{ creativity_level: 'BALANCED' }, 'creativity_level'],
    [{ response_delay_seconds: 1000 }, 'response_delay_seconds'],
    [{ model: null }, 'model'],
    [{ working_schedule: day({ start: '12:00', end: '11:59' }) }, 'working_schedule.0.end'],
    [{ id: '00000000-0000-4000-8000-000000000000' }, '(body)'],
  ])('PATCH refuses %# naming %s', async (body, field) => {
    const agent = await newAgent(A.token);
    expectFieldError(await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body }), field);
  });

  it('accepts the boundaries', async () => {
    const res = await api('POST', '/api/agents', {
      token: A.token,
      body: { name: 'x'.repeat(255), system_instructions: 'x'.repeat(10), response_delay_seconds: 300, response_language: 'en-US' },
    });
    expect(res.status).toBe(201);
    expect(res.body.agent.name).toHaveLength(255);
  });
});

describe('plan limits', () => {
  it('limits system_instructions by plan: 422 on trial, accepted on scale, 400 above the absolute 40,000', async () => {
    const P = await registerUser({ company_name: 'Plan Co' });
    const long = 'x'.repeat(20_001);
    const res = await api('POST', '/api/agents', { token: P.token, body: { name: 'Long', system_instructions: long } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('instructions_too_long_for_plan');
    expect(res.body.error.message).toContain('20000');
    expect(res.body.error.message).toContain('trial');
    expect(res.body.error.details).toMatchObject({ field: 'system_instructions', plan: 'trial', limit: 20_000, length: 20_001 });

    const agent = await newAgent(P.token, { system_instructions: 'x'.repeat(20_000) });
    const patch = await api('PATCH', `/api/agents/${agent.id}`, { token: P.token, body: { system_instructions: long } });
    expect(patch.status).toBe(422);
    expect(patch.body.error.code).toBe('instructions_too_long_for_plan');

    await setPlan(db, P.workspaceId, 'scale');
    const ok = await api('POST', '/api/agents', { token: P.token, body: { name: 'Long', system_instructions: 'y'.repeat(40_000) } });
    expect(ok.status).toBe(201);
    expect(ok.body.agent.system_instructions).toHaveLength(40_000);
    const okPatch = await api('PATCH', `/api/agents/${agent.id}`, { token: P.token, body: { system_instructions: long } });
    expect(okPatch.status).toBe(200);
    expectFieldError(
      await api('POST', '/api/agents', { token: P.token, body: { name: 'Too long', system_instructions: 'z'.repeat(40_001) } }),
      'system_instructions',
    );
  });

  it("stops at the plan's agent count, for create and duplicate", async () => {
    const P = await registerUser({ company_name: 'Few Agents Co' });
    const first = await newAgent(P.token);
    await newAgent(P.token);
    await newAgent(P.token);
    const res = await api('POST', '/api/agents', { token: P.token, body: { name: 'Fourth', system_instructions: INSTRUCTIONS } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('agent_limit_reached');
    expect(res.body.error.details).toEqual({ plan: 'trial', limit: 3 });
    const dup = await api('POST', `/api/agents/${first.id}/duplicate`, { token: P.token });
    expect(dup.status).toBe(422);
    expect(dup.body.error.code).toBe('agent_limit_reached');
    await api('DELETE', `/api/agents/${first.id}`, { token: P.token });
    expect((await api('POST', '/api/agents', { token: P.token, body: { name: 'Now fits', system_instructions: INSTRUCTIONS } })).status).toBe(201);
  });

  it('parallel creates never exceed the agent count', async () => {
    const P = await registerUser({ company_name: 'Race Co' });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api('POST', '/api/agents', { token: P.token, body: { name: `Racer ${i}`, system_instructions: INSTRUCTIONS } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 422, 422, 422]);
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from agents where workspace_id = $1', [P.workspaceId]);
    expect(n).toBe(3);
  });
});

describe('roles', () => {
  let agentId: string;
  let triggerId: string;
  let chainId: string;
  let ruleId: string;
  let itemIds: Record<string, string>;
  let viewer: Awaited<ReturnType<typeof addMember>>;
  let member: Awaited<ReturnType<typeof addMember>>;
  let R: TestUser;

  beforeAll(async () => {
    R = await registerUser({ company_name: 'Roles Co' });
    await setPlan(db, R.workspaceId, 'max');
    viewer = await addMember(db, R, 'viewer');
    member = await addMember(db, R, 'member');
    agentId = (await newAgent(R.token)).id;
    const base = `/api/agents/${agentId}`;
    triggerId = (await api('POST', `${base}/triggers`, { token: R.token, body: triggerBody() })).body.trigger.id;
    chainId = (await api('POST', `${base}/chains`, { token: R.token, body: chainBody() })).body.chain.id;
    ruleId = (
      await api('POST', `${base}/update-rules`, { token: R.token, body: { entity_type: 'deal', field_id: 'price', condition: 'mentions a budget' } })
    ).body.update_rule.id;
    itemIds = {
      knowledge: (await api('POST', `${base}/knowledge`, { token: R.token, body: { title: 'T', content: 'C' } })).body.knowledge_entry.id,
      scripts: (await api('POST', `${base}/scripts`, { token: R.token, body: { name: 'N', script: 'S' } })).body.script.id,
      objections: (await api('POST', `${base}/objections`, { token: R.token, body: { objection: 'O', response: 'R' } })).body.objection.id,
    };
  });

  const reads = () => {
    const b = `/api/agents/${agentId}`;
    return [
      '/api/agents',
      '/api/agents/models',
      b,
      `${b}/pipelines`,
      `${b}/channels`,
      `${b}/knowledge-base`,
      `${b}/crm-access`,
      `${b}/update-rules`,
      `${b}/update-rules/${ruleId}`,
      `${b}/triggers`,
      `${b}/triggers/${triggerId}`,
      `${b}/chains`,
      `${b}/chains/${chainId}`,
      `${b}/knowledge`,
      `${b}/knowledge/${itemIds.knowledge}`,
      `${b}/scripts`,
      `${b}/scripts/${itemIds.scripts}`,
      `${b}/objections`,
      `${b}/objections/${itemIds.objections}`,
    ];
  };

  const writes = (): [string, string, unknown?][] => {
    const b = `/api/agents/${agentId}`;
    return [
      ['POST', '/api/agents', { name: 'V', system_instructions: INSTRUCTIONS }],
      ['PATCH', b, { name: 'V' }],
      ['DELETE', b],
      ['POST', `${b}/duplicate`],
      ['PATCH', `${b}/toggle`],
      ['PUT', `${b}/pipelines`, { pipelines: [] }],
      ['PUT', `${b}/channels`, { channels: ['chat'] }],
      ['PUT', `${b}/knowledge-base`, { all_categories: true }],
      ['PUT', `${b}/crm-access`, { read_deal_fields: ['x'] }],
      ['POST', `${b}/update-rules`, { entity_type: 'deal', field_id: 'x', condition: 'always now' }],
      ['PATCH', `${b}/update-rules/${ruleId}`, { overwrite: true }],
      ['PUT', `${b}/update-rules/order`, { ids: [ruleId] }],
      ['DELETE', `${b}/update-rules/${ruleId}`],
      ['POST', `${b}/triggers`, triggerBody()],
      ['PATCH', `${b}/triggers/${triggerId}`, { name: 'V' }],
      ['PATCH', `${b}/triggers/${triggerId}/toggle`],
      ['DELETE', `${b}/triggers/${triggerId}`],
      ['POST', `${b}/chains`, chainBody()],
      ['PATCH', `${b}/chains/${chainId}`, { name: 'V' }],
      ['PATCH', `${b}/chains/${chainId}/toggle`],
      ['DELETE', `${b}/chains/${chainId}`],
      ...(['knowledge', 'scripts', 'objections'] as const).flatMap((k): [string, string, unknown?][] => [
        ['POST', `${b}/${k}`, {}],
        ['PATCH', `${b}/${k}/${itemIds[k]}`, {}],
        ['DELETE', `${b}/${k}/${itemIds[k]}`],
      ]),
    ];
  };

  it('a viewer reads every agent endpoint (200)', async () => {
    for (const path of reads()) {
      const res = await api('GET', path, { token: viewer.token, headers: viewer.headers });
      expect(res.status, path).toBe(200);
    }
  });

  it('a viewer gets 403 on every write and nothing changes', async () => {
    for (const [method, path, body] of writes()) {
      const res = await api(method, path, { token: viewer.token, headers: viewer.headers, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toContain('agents.write');
    }
    const agent = await api('GET', `/api/agents/${agentId}`, { token: R.token });
    expect(agent.body.agent).toMatchObject({ name: 'Sales Agent', is_active: false });
    expect(agent.body.agent.triggers).toHaveLength(1);
  });

  it('a member can write', async () => {
    const h = { token: member.token, headers: member.headers };
    const created = await api('POST', '/api/agents', { ...h, body: { name: 'By member', system_instructions: INSTRUCTIONS } });
    expect(created.status).toBe(201);
    expect(created.body.agent.created_by).toBe(member.userId);
    expect((await api('PATCH', `/api/agents/${agentId}`, { ...h, body: { name: 'Renamed by member' } })).status).toBe(200);
    expect((await api('POST', `/api/agents/${agentId}/triggers`, { ...h, body: triggerBody() })).status).toBe(201);
    expect((await api('PATCH', `/api/agents/${agentId}/chains/${chainId}/toggle`, h)).status).toBe(200);
    expect((await api('DELETE', `/api/agents/${created.body.agent.id}`, h)).status).toBe(204);
    const audit = await auditRows(db, R.workspaceId, 'create_agent');
    expect(audit.at(-1)!.user_id).toBe(member.userId);
  });
});
