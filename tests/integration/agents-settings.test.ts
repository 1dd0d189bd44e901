// Agent settings: pipelines, channels, knowledge-base scope, CRM access, update rules,
// and the seed-001 lists (company knowledge, sales scripts, objection responses).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { auditRows, crmFixture, disableRateLimits, expectFieldError, newAgent, newCategory, setPlan, type CrmFixture, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let agentId: string;
let base: string;
let crm: CrmFixture;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Settings Co' });
  await setPlan(db, A.workspaceId, 'max');
  agentId = (await newAgent(A.token)).id;
  base = `/api/agents/${agentId}`;
  crm = await crmFixture(db, A.workspaceId);
});
afterAll(teardownTestDatabase);

const call = (method: string, path: string, body?: unknown) => api(method, path, { token: A.token, body });

describe('pipelines', () => {
  // Ids are the workspace CRM's: the default pipeline's stages and a second pipeline (see crmFixture).
  const seed = () => ({
    pipeline_id: crm.pipelineId,
    pipeline_name: 'Воронка продаж',
    is_active: true,
    all_stages: false,
    stages: [crm.stages.new, crm.stages.qualifying],
    stage_instructions: { [crm.stages.new]: 'Be friendly and welcoming...', [crm.stages.qualifying]: 'Ask qualifying questions...' },
  });

  it('PUT replaces the whole set, in the given order, and GET returns it', async () => {
    const seedPipeline = seed();
    const first = await call('PUT', `${base}/pipelines`, { pipelines: [seedPipeline] });
    expect(first.status).toBe(200);
    expect(first.body.pipelines).toHaveLength(1);
    expect(first.body.pipelines[0]).toMatchObject(seedPipeline);

    const second = { pipeline_id: crm.supportId, pipeline_name: 'Поддержка', all_stages: true, stage_instructions: { [crm.supportStages.done]: 'ok with all_stages' } };
    const res = await call('PUT', `${base}/pipelines`, { pipelines: [second, { ...seedPipeline, is_active: false }] });
    expect(res.status).toBe(200);
    expect(res.body.pipelines.map((p: { pipeline_id: string }) => p.pipeline_id)).toEqual([crm.supportId, crm.pipelineId]);
    expect(res.body.pipelines[0]).toMatchObject({ is_active: false, all_stages: true, stages: [] });
    const got = await call('GET', `${base}/pipelines`);
    expect(got.body.pipelines).toEqual(res.body.pipelines);
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from agent_pipelines where agent_id = $1', [agentId]);
    expect(n).toBe(2);

    const cleared = await call('PUT', `${base}/pipelines`, { pipelines: [] });
    expect(cleared.body.pipelines).toEqual([]);
    const audit = (await auditRows(db, A.workspaceId, 'update_agent_pipelines')).filter((r) => r.entity_id === agentId);
    expect(audit).toHaveLength(3);
    expect(audit[2].old_values.pipelines).toHaveLength(2);
    expect(audit[2].new_values.pipelines).toEqual([]);
  });

  type Case = [(p: ReturnType<typeof seed>) => unknown, (p: ReturnType<typeof seed>) => string];
  it.each<Case>([
    [() => ({}), () => 'pipelines'],
    [(p) => ({ pipelines: [{ ...p, pipeline_id: '' }] }), () => 'pipelines.0.pipeline_id'],
    [(p) => ({ pipelines: [{ ...p, pipeline_name: '  ' }] }), () => 'pipelines.0.pipeline_name'],
    [(p) => ({ pipelines: [{ ...p, stage_instructions: { [crm.stages.cancelled]: 'not a chosen stage' } }] }), () => `pipelines.0.stage_instructions.${crm.stages.cancelled}`],
    [(p) => ({ pipelines: [{ ...p, stages: [], stage_instructions: {} }] }), () => 'pipelines.0.stages'],
    [(p) => ({ pipelines: [{ ...p, stages: [crm.stages.new, crm.stages.new], stage_instructions: {} }] }), () => 'pipelines.0.stages.1'],
    [(p) => ({ pipelines: [{ ...p, stage_instructions: { [crm.stages.new]: '' } }] }), () => `pipelines.0.stage_instructions.${crm.stages.new}`],
    [(p) => ({ pipelines: [p, p] }), () => 'pipelines.1.pipeline_id'],
    [(p) => ({ pipelines: [{ ...p, is_active: 'true' }] }), () => 'pipelines.0.is_active'],
  ])('refuses case %# naming the field', async (body, field) => {
    const p = seed();
    expectFieldError(await call('PUT', `${base}/pipelines`, body(p)), field(p));
  });
});

describe('channels', () => {
  it('starts with defaults, then PUT stores and GET returns the set', async () => {
    expect((await call('GET', `${base}/channels`)).body).toEqual({ all_channels: false, channels: [] });
    const res = await call('PUT', `${base}/channels`, { all_channels: false, channels: ['whatsapp', 'telegram', 'email'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ all_channels: false, channels: ['whatsapp', 'telegram', 'email'] });
    const again = await call('PUT', `${base}/channels`, { all_channels: true });
    expect(again.body).toEqual({ all_channels: true, channels: [] });
    expect((await call('GET', `${base}/channels`)).body).toEqual({ all_channels: true, channels: [] });
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from agent_channels where agent_id = $1', [agentId]);
    expect(n, 'one settings row per agent').toBe(1);
    const audit = (await auditRows(db, A.workspaceId, 'update_agent_channels')).filter((r) => r.entity_id === agentId);
    expect(audit.map((r) => r.new_values.all_channels)).toEqual([false, true]);
  });

  it.each([
    [{ channels: ['sms'] }, 'channels.0'],
    [{ channels: ['chat', 'chat'] }, 'channels.1'],
    [{ channels: 'whatsapp' }, 'channels'],
    [{ all_channels: 'no' }, 'all_channels'],
    [{ extra: 1 }, '(body)'],
  ])('refuses %# naming %s', async (body, field) => {
    expectFieldError(await call('PUT', `${base}/channels`, body), field);
  });
});

describe('knowledge-base scope', () => {
  it('stores the categories, the no-answer message and the task flag', async () => {
    expect((await call('GET', `${base}/knowledge-base`)).body).toEqual({
      all_categories: true,
      selected_categories: [],
      create_task_if_no_answer: false,
      no_answer_message: null,
    });
    const c1 = await newCategory(db, A.workspaceId, 'Цены');
    const c2 = await newCategory(db, A.workspaceId, 'Доставка');
    const body = { all_categories: false, selected_categories: [c1, c2], create_task_if_no_answer: true, no_answer_message: 'Уточню у менеджера' };
    const res = await call('PUT', `${base}/knowledge-base`, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
    expect((await call('GET', `${base}/knowledge-base`)).body).toEqual(body);
    const cleared = await call('PUT', `${base}/knowledge-base`, { all_categories: true, no_answer_message: '' });
    expect(cleared.body).toEqual({ all_categories: true, selected_categories: [], create_task_if_no_answer: false, no_answer_message: null });
    expect((await auditRows(db, A.workspaceId, 'update_agent_knowledge_base')).length).toBe(2);
  });

  it("refuses a category that is not this workspace's", async () => {
    const other = await registerUser();
    const foreign = await newCategory(db, other.workspaceId, 'Чужая');
    const mine = await newCategory(db, A.workspaceId, 'Своя');
    expectFieldError(await call('PUT', `${base}/knowledge-base`, { selected_categories: [mine, foreign] }), 'selected_categories.1');
    expectFieldError(
      await call('PUT', `${base}/knowledge-base`, { selected_categories: ['00000000-0000-4000-8000-000000000000'] }),
      'selected_categories.0',
    );
  });

  it.each([
    [{ selected_categories: ['cat-uuid-1'] }, 'selected_categories.0'],
    [{ no_answer_message: 'x'.repeat(2001) }, 'no_answer_message'],
    [{ create_task_if_no_answer: 'yes' }, 'create_task_if_no_answer'],
    [{ all_categories: null }, 'all_categories'],
  ])('refuses %# naming %s', async (body, field) => {
    expectFieldError(await call('PUT', `${base}/knowledge-base`, body), field);
  });

  it('accepts a 2000-character no-answer message', async () => {
    expect((await call('PUT', `${base}/knowledge-base`, { no_answer_message: 'я'.repeat(2000) })).status).toBe(200);
  });
});

describe('CRM access', () => {
  it('stores the readable deal and contact fields', async () => {
    expect((await call('GET', `${base}/crm-access`)).body).toEqual({ read_deal_fields: [], read_contact_fields: [] });
    const body = { read_deal_fields: ['stage_id', 'budget', 'description'], read_contact_fields: ['f_name', 'l_name', 'phone'] };
    const res = await call('PUT', `${base}/crm-access`, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
    expect((await call('GET', `${base}/crm-access`)).body).toEqual(body);
    const [audit] = await auditRows(db, A.workspaceId, 'update_agent_crm_access');
    expect(audit.old_values).toEqual({ read_deal_fields: [], read_contact_fields: [] });
    expect(audit.new_values).toEqual(body);
  });

  it.each([
    [{ read_deal_fields: [''] }, 'read_deal_fields.0'],
    [{ read_deal_fields: ['budget', 'budget'] }, 'read_deal_fields.1'],
    [{ read_contact_fields: [42] }, 'read_contact_fields.0'],
    [{ read_contact_fields: ['x'.repeat(101)] }, 'read_contact_fields.0'],
  ])('refuses %# naming %s', async (body, field) => {
    expectFieldError(await call('PUT', `${base}/crm-access`, body), field);
  });
});

describe('update rules', () => {
  const rule = { entity_type: 'deal', field_id: 'budget', condition: 'when customer mentions price', overwrite: false };

  it('creates rules in order, patches, reorders and deletes them, with audit rows', async () => {
    const agent = await newAgent(A.token);
    const b = `/api/agents/${agent.id}/update-rules`;
    const r1 = await call('POST', b, rule);
    expect(r1.status).toBe(201);
    expect(r1.body.update_rule).toMatchObject({ ...rule, order_index: 0 });
    const r2 = (await call('POST', b, { entity_type: 'contact', field_id: 'email', condition: 'gives an email' })).body.update_rule;
    const r3 = (await call('POST', b, { entity_type: 'contact', field_id: 'phone', condition: 'gives a phone', overwrite: true })).body.update_rule;
    expect([r2.order_index, r2.overwrite, r3.order_index]).toEqual([1, false, 2]);

    const list = await call('GET', b);
    expect(list.body.update_rules.map((r: { id: string }) => r.id)).toEqual([r1.body.update_rule.id, r2.id, r3.id]);
    expect((await call('GET', `${b}/${r2.id}`)).body.update_rule).toEqual(r2);

    const patched = await call('PATCH', `${b}/${r2.id}`, { overwrite: true, condition: 'gives an e-mail address' });
    expect(patched.status).toBe(200);
    expect(patched.body.update_rule).toMatchObject({ overwrite: true, condition: 'gives an e-mail address', field_id: 'email' });

    const order = [r3.id, r1.body.update_rule.id, r2.id];
    const reordered = await call('PUT', `${b}/order`, { ids: order });
    expect(reordered.status).toBe(200);
    expect(reordered.body.update_rules.map((r: { id: string; order_index: number }) => [r.id, r.order_index])).toEqual(
      order.map((id, i) => [id, i]),
    );
    expect((await call('GET', b)).body.update_rules.map((r: { id: string }) => r.id)).toEqual(order);

    expect((await call('DELETE', `${b}/${r3.id}`)).status).toBe(204);
    expect((await call('GET', `${b}/${r3.id}`)).status).toBe(404);
    expect((await call('GET', b)).body.update_rules).toHaveLength(2);
    const r4 = (await call('POST', b, rule)).body.update_rule;
    expect(r4.order_index, 'new rules go last').toBe(3);

    for (const action of ['create_update_rule', 'update_update_rule', 'delete_update_rule', 'reorder_update_rules']) {
      expect((await auditRows(db, A.workspaceId, action)).length, action).toBeGreaterThan(0);
    }
    const [upd] = (await auditRows(db, A.workspaceId, 'update_update_rule')).filter((r) => r.entity_id === r2.id);
    expect(upd.old_values).toEqual({ overwrite: false, condition: 'gives an email' });
  });

  it('refuses an order that is not exactly the current rules', async () => {
    const agent = await newAgent(A.token);
    const b = `/api/agents/${agent.id}/update-rules`;
    const x = (await call('POST', b, rule)).body.update_rule.id;
    const y = (await call('POST', b, rule)).body.update_rule.id;
    expectFieldError(await call('PUT', `${b}/order`, { ids: [x] }), 'ids');
    expectFieldError(await call('PUT', `${b}/order`, { ids: [x, y, '00000000-0000-4000-8000-000000000000'] }), 'ids');
    expectFieldError(await call('PUT', `${b}/order`, { ids: [x, x] }), 'ids.1');
    expectFieldError(await call('PUT', `${b}/order`, { ids: [] }), 'ids');
    expectFieldError(await call('PUT', `${b}/order`, { ids: ['nope'] }), 'ids.0');
  });

  it.each([
    [{ ...rule, entity_type: 'company' }, 'entity_type'],
    [{ ...rule, field_id: '' }, 'field_id'],
    [{ ...rule, condition: 'abcd' }, 'condition'],
    [{ ...rule, condition: undefined }, 'condition'],
    [{ ...rule, overwrite: 'no' }, 'overwrite'],
  ])('POST refuses %# naming %s', async (body, field) => {
    expectFieldError(await call('POST', `${base}/update-rules`, body), field);
  });

  it('PATCH validates and answers 404 for an unknown rule', async () => {
    const id = (await call('POST', `${base}/update-rules`, rule)).body.update_rule.id;
    expectFieldError(await call('PATCH', `${base}/update-rules/${id}`, { entity_type: 'lead' }), 'entity_type');
    expectFieldError(await call('PATCH', `${base}/update-rules/${id}`, { condition: 'ab' }), 'condition');
    expect((await call('PATCH', `${base}/update-rules/00000000-0000-4000-8000-000000000000`, { overwrite: true })).status).toBe(404);
  });
});

describe.each([
  {
    path: 'knowledge',
    list: 'knowledge',
    one: 'knowledge_entry',
    entity: 'company_knowledge',
    create: { title: 'Гарантия', content: 'Гарантия на ремонт — 1 год.' },
    patch: { content: 'Гарантия на ремонт — 2 года.' },
    invalid: [
      [{ content: 'no title' }, 'title'],
      [{ title: 'x'.repeat(256), content: 'c' }, 'title'],
      [{ title: 't', content: '' }, 'content'],
      [{ title: 't', content: 'c', order_index: -1 }, 'order_index'],
    ] as [object, string][],
  },
  {
    path: 'scripts',
    list: 'scripts',
    one: 'script',
    entity: 'sales_script',
    create: { name: 'Приветствие', stage: 'new_lead', script: 'Здравствуйте! Чем могу помочь?' },
    patch: { stage: null, name: 'Приветствие v2' },
    invalid: [
      [{ script: 'no name' }, 'name'],
      [{ name: 'n' }, 'script'],
      [{ name: 'n', script: 's', stage: '' }, 'stage'],
      [{ name: 'n', script: 'x'.repeat(20_001) }, 'script'],
    ] as [object, string][],
  },
  {
    path: 'objections',
    list: 'objections',
    one: 'objection',
    entity: 'objection_response',
    create: { objection: 'Дорого', response: 'Мы даём гарантию и рассрочку.' },
    patch: { response: 'Рассрочка 0% на 6 месяцев.' },
    invalid: [
      [{ response: 'r' }, 'objection'],
      [{ objection: 'o' }, 'response'],
      [{ objection: 'x'.repeat(2001), response: 'r' }, 'objection'],
      [{ objection: 'o', response: 'r', extra: true }, '(body)'],
    ] as [object, string][],
  },
])('$path (seed 001)', ({ path, list, one, entity, create, patch, invalid }) => {
  it('creates, lists in order, reads, patches and deletes, with audit rows', async () => {
    const agent = await newAgent(A.token);
    const b = `/api/agents/${agent.id}/${path}`;
    const first = await call('POST', b, create);
    expect(first.status).toBe(201);
    expect(first.body[one]).toMatchObject({ ...create, order_index: 0 });
    const second = (await call('POST', b, create)).body[one];
    expect(second.order_index).toBe(1);
    const placed = (await call('POST', b, { ...create, order_index: 0 })).body[one];

    const listed = await call('GET', b);
    expect(listed.status).toBe(200);
    expect(listed.body[list].map((x: { id: string }) => x.id)).toEqual([first.body[one].id, placed.id, second.id]);
    expect((await call('GET', `${b}/${second.id}`)).body[one]).toEqual(second);

    const patched = await call('PATCH', `${b}/${second.id}`, patch);
    expect(patched.status).toBe(200);
    expect(patched.body[one]).toMatchObject({ ...create, ...patch, id: second.id });

    expect((await call('DELETE', `${b}/${second.id}`)).status).toBe(204);
    expect((await call('GET', `${b}/${second.id}`)).status).toBe(404);
    expect((await call('PATCH', `${b}/${second.id}`, patch)).status).toBe(404);
    expect((await call('DELETE', `${b}/${second.id}`)).status).toBe(404);
    expect((await call('GET', b)).body[list]).toHaveLength(2);

    for (const verb of ['create', 'update', 'delete']) {
      const rows = (await auditRows(db, A.workspaceId, `${verb}_${entity}`)).filter((r) => r.entity_type === entity);
      expect(rows.length, `${verb}_${entity}`).toBeGreaterThan(0);
    }
  });

  it.each(invalid)('POST refuses %o naming %s', async (body, field) => {
    expectFieldError(await call('POST', `${base}/${path}`, body), field);
  });

  it('answers 404 under an unknown agent', async () => {
    expect((await call('GET', `/api/agents/00000000-0000-4000-8000-000000000000/${path}`)).status).toBe(404);
    expect((await call('POST', `/api/agents/00000000-0000-4000-8000-000000000000/${path}`, create)).status).toBe(404);
  });
});

describe('sub-resources of an unknown agent', () => {
  it.each([
    ['GET', 'pipelines'],
    ['PUT', 'pipelines', { pipelines: [] }],
    ['GET', 'channels'],
    ['PUT', 'channels', { channels: [] }],
    ['GET', 'knowledge-base'],
    ['PUT', 'knowledge-base', {}],
    ['GET', 'crm-access'],
    ['PUT', 'crm-access', {}],
    ['GET', 'update-rules'],
    ['PUT', 'update-rules/order', { ids: ['00000000-0000-4000-8000-000000000001'] }],
  ])('%s %s → 404', async (method, path, body?) => {
    expect((await call(method, `/api/agents/00000000-0000-4000-8000-000000000000/${path}`, body)).status).toBe(404);
  });
});
