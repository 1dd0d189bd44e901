// Triggers (condition + ordered actions) and chains (timed steps with actions, schedule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import {
  auditRows,
  chainBody,
  disableRateLimits,
  expectFieldError,
  newAgent,
  setPlan,
  triggerBody,
  type TestUser,
} from './agents-fixtures';

let db: Database;
let A: TestUser;
let base: string;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Automation Co' });
  await setPlan(db, A.workspaceId, 'max');
  base = `/api/agents/${(await newAgent(A.token)).id}`;
});
afterAll(teardownTestDatabase);

const call = (method: string, path: string, body?: unknown) => api(method, path, { token: A.token, body });

describe('triggers', () => {
  it('creates a trigger with ordered actions (seed request) and lists it', async () => {
    const res = await call('POST', `${base}/triggers`, triggerBody());
    expect(res.status).toBe(201);
    const t = res.body.trigger;
    expect(t).toMatchObject({ name: 'Welcome Message', is_active: true, condition: 'When conversation starts', cancel_message: 'Operation cancelled', run_limit: 1, runs_count: 0 });
    expect(t.actions.map((a: { action_type: string; order_index: number }) => [a.action_type, a.order_index])).toEqual([
      ['send_message', 0],
      ['notify_manager', 1],
    ]);
    expect(t.actions[0].action_config).toEqual({ message: 'Hello! How can I help you?' });
    const list = await call('GET', `${base}/triggers`);
    expect(list.body.triggers.map((x: { id: string }) => x.id)).toContain(t.id);
    expect((await call('GET', `${base}/triggers/${t.id}`)).body.trigger).toEqual(t);
    const [audit] = (await auditRows(db, A.workspaceId, 'create_trigger')).filter((r) => r.entity_id === t.id);
    expect(audit.new_values).toMatchObject({ name: 'Welcome Message', actions: [{ action_type: 'send_message' }, { action_type: 'notify_manager' }] });
  });

  it('defaults: active, unlimited runs (0), no cancel message', async () => {
    const res = await call('POST', `${base}/triggers`, {
      name: 'Stop on request',
      condition: 'Customer asks to stop',
      actions: [{ action_type: 'stop_agent' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.trigger).toMatchObject({ is_active: true, run_limit: 0, cancel_message: null });
    expect(res.body.trigger.actions[0]).toMatchObject({ action_type: 'stop_agent', action_config: {} });
  });

  it('accepts every action type with its config', async () => {
    const actions = [
      { action_type: 'update_field', action_config: { entity_type: 'deal', field_id: 'budget', value: '5000' } },
      { action_type: 'send_message', action_config: { message: 'Спасибо!' } },
      { action_type: 'create_task', action_config: { title: 'Перезвонить', description: 'Клиент просил', due_in_hours: 24 } },
      { action_type: 'change_stage', action_config: { pipeline_id: 'sales', stage_id: 'won' } },
      { action_type: 'notify_manager', action_config: { message: 'Горячий лид' } },
      { action_type: 'stop_agent', action_config: { reason: 'Клиент попросил человека' } },
    ];
    const res = await call('POST', `${base}/triggers`, triggerBody({ actions }));
    expect(res.status).toBe(201);
    expect(res.body.trigger.actions.map(({ action_type, action_config }: Record<string, unknown>) => ({ action_type, action_config }))).toEqual(actions);
  });

  it('PATCH changes fields, replaces actions only when given, and audits', async () => {
    const t = (await call('POST', `${base}/triggers`, triggerBody())).body.trigger;
    const renamed = await call('PATCH', `${base}/triggers/${t.id}`, { name: 'Renamed', run_limit: 0 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.trigger).toMatchObject({ name: 'Renamed', run_limit: 0 });
    expect(renamed.body.trigger.actions.map((a: { id: string }) => a.id)).toEqual(t.actions.map((a: { id: string }) => a.id));

    const replaced = await call('PATCH', `${base}/triggers/${t.id}`, {
      actions: [{ action_type: 'create_task', action_config: { title: 'Call back' } }],
    });
    expect(replaced.body.trigger.actions).toHaveLength(1);
    expect(replaced.body.trigger.actions[0]).toMatchObject({ action_type: 'create_task', order_index: 0 });
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from trigger_actions where trigger_id = $1', [t.id]);
    expect(n).toBe(1);

    const same = await call('PATCH', `${base}/triggers/${t.id}`, { actions: [{ action_type: 'create_task', action_config: { title: 'Call back' } }] });
    expect(same.body.trigger.actions[0].id, 'identical actions are not rewritten').toBe(replaced.body.trigger.actions[0].id);
    const cleared = await call('PATCH', `${base}/triggers/${t.id}`, { cancel_message: null });
    expect(cleared.body.trigger.cancel_message).toBeNull();
    const audits = (await auditRows(db, A.workspaceId, 'update_trigger')).filter((r) => r.entity_id === t.id);
    expect(audits).toHaveLength(3);
    expect(audits[0].old_values).toEqual({ name: 'Welcome Message', run_limit: 1 });
    expect(audits[1].new_values.actions).toEqual([{ action_type: 'create_task', action_config: { title: 'Call back' } }]);
  });

  it('toggles (flip or set) and deletes, with audit rows', async () => {
    const t = (await call('POST', `${base}/triggers`, triggerBody())).body.trigger;
    const off = await call('PATCH', `${base}/triggers/${t.id}/toggle`);
    expect(off.status).toBe(200);
    expect(off.body.trigger.is_active).toBe(false);
    expect((await call('PATCH', `${base}/triggers/${t.id}/toggle`, { is_active: true })).body.trigger.is_active).toBe(true);
    expect((await auditRows(db, A.workspaceId, 'toggle_trigger')).filter((r) => r.entity_id === t.id)).toHaveLength(2);
    expect((await call('DELETE', `${base}/triggers/${t.id}`)).status).toBe(204);
    expect((await call('GET', `${base}/triggers/${t.id}`)).status).toBe(404);
    expect(await db.query('select 1 from trigger_actions where trigger_id = $1', [t.id])).toEqual([]);
    const [del] = (await auditRows(db, A.workspaceId, 'delete_trigger')).filter((r) => r.entity_id === t.id);
    expect(del.old_values).toMatchObject({ name: 'Welcome Message' });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: undefined }, 'name'],
    [{ condition: 'abcd' }, 'condition'],
    [{ condition: undefined }, 'condition'],
    [{ actions: [] }, 'actions'],
    [{ actions: undefined }, 'actions'],
    [{ actions: 'send_message' }, 'actions'],
    [{ run_limit: -1 }, 'run_limit'],
    [{ run_limit: 1.5 }, 'run_limit'],
    [{ is_active: 'on' }, 'is_active'],
    [{ cancel_message: 'x'.repeat(2001) }, 'cancel_message'],
    [{ actions: [{ action_type: 'explode', action_config: {} }] }, 'actions.0.action_type'],
    [{ actions: [{ action_type: 'send_message', action_config: {} }] }, 'actions.0.action_config.message'],
    [{ actions: [{ action_type: 'send_message', action_config: { message: '' } }] }, 'actions.0.action_config.message'],
    [{ actions: [{ action_type: 'send_message', action_config: { message: 'hi', extra: 1 } }] }, 'actions.0.action_config'],
    [{ actions: [{ action_type: 'send_message', action_config: 'hi' }] }, 'actions.0.action_config'],
    [{ actions: [{ action_type: 'update_field', action_config: { entity_type: 'lead', field_id: 'x' } }] }, 'actions.0.action_config.entity_type'],
    [{ actions: [{ action_type: 'update_field', action_config: { entity_type: 'deal' } }] }, 'actions.0.action_config.field_id'],
    [{ actions: [{ action_type: 'create_task', action_config: {} }] }, 'actions.0.action_config.title'],
    [{ actions: [{ action_type: 'create_task', action_config: { title: 't', due_in_hours: -5 } }] }, 'actions.0.action_config.due_in_hours'],
    [{ actions: [{ action_type: 'change_stage', action_config: { pipeline_id: 'p' } }] }, 'actions.0.action_config.stage_id'],
    [{ actions: [{ action_type: 'notify_manager', action_config: { message: 5 } }] }, 'actions.0.action_config.message'],
    [{ actions: [{ action_type: 'stop_agent', action_config: { reason: 'x'.repeat(501) } }] }, 'actions.0.action_config.reason'],
    [{ actions: [{ action_type: 'send_message', action_config: { message: 'ok' } }, { action_type: 'send_message' }] }, 'actions.1.action_config.message'],
  ])('POST refuses %# naming %s', async (over, field) => {
    expectFieldError(await call('POST', `${base}/triggers`, triggerBody(over)), field);
  });

  it.each([
    [{ actions: [] }, 'actions'],
    [{ condition: 'tiny' }, 'condition'],
    [{ run_limit: -3 }, 'run_limit'],
    [{ actions: [{ action_type: 'change_stage', action_config: {} }] }, 'actions.0.action_config.pipeline_id'],
  ])('PATCH refuses %# naming %s', async (body, field) => {
    const t = (await call('POST', `${base}/triggers`, triggerBody())).body.trigger;
    expectFieldError(await call('PATCH', `${base}/triggers/${t.id}`, body), field);
  });

  it('answers 404 for an unknown trigger', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', `${base}/triggers/${none}`)).status).toBe(404);
    expect((await call('PATCH', `${base}/triggers/${none}`, { name: 'x' })).status).toBe(404);
    expect((await call('PATCH', `${base}/triggers/${none}/toggle`)).status).toBe(404);
    expect((await call('DELETE', `${base}/triggers/${none}`)).status).toBe(404);
  });

  it("answers 404 for a trigger addressed through another agent of the same workspace", async () => {
    const t = (await call('POST', `${base}/triggers`, triggerBody())).body.trigger;
    const other = await newAgent(A.token, { name: 'Other' });
    expect((await call('GET', `/api/agents/${other.id}/triggers/${t.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/agents/${other.id}/triggers/${t.id}`)).status).toBe(404);
    expect((await call('GET', `${base}/triggers/${t.id}`)).status).toBe(200);
  });
});

describe('chains', () => {
  it('creates a chain with steps, actions and schedule (seed request)', async () => {
    const res = await call('POST', `${base}/chains`, chainBody());
    expect(res.status).toBe(201);
    const c = res.body.chain;
    expect(c).toMatchObject({
      name: 'Follow-up Sequence',
      is_active: true,
      condition_type: 'specific',
      condition_stages: ['new_lead'],
      condition_exclude: 'if already contacted',
      run_limit: 0,
      runs_count: 0,
      schedule: chainBody().schedule,
    });
    expect(c.steps.map((s: { order_index: number; delay_value: number; delay_unit: string }) => [s.order_index, s.delay_value, s.delay_unit])).toEqual([
      [0, 20, 'Минуты'],
      [1, 1, 'Дни'],
    ]);
    expect(c.steps[1].actions.map((a: { action_type: string; order_index: number }) => [a.action_type, a.order_index])).toEqual([
      ['generate_message', 0],
      ['create_task', 1],
    ]);
    expect((await call('GET', `${base}/chains/${c.id}`)).body.chain).toEqual(c);
    expect((await call('GET', `${base}/chains`)).body.chains.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await auditRows(db, A.workspaceId, 'create_chain')).filter((r) => r.entity_id === c.id)).toHaveLength(1);
  });

  it('orders steps by order_index (given order where absent) and stores 0..n-1', async () => {
    const step = (delay: number, order?: number) => ({
      ...(order === undefined ? {} : { order_index: order }),
      delay_value: delay,
      delay_unit: 'Часы',
      actions: [{ action_type: 'generate_message', instruction: `after ${delay}` }],
    });
    const res = await call('POST', `${base}/chains`, chainBody({ steps: [step(3, 30), step(1, 10), step(2, 20)] }));
    expect(res.body.chain.steps.map((s: { delay_value: number; order_index: number }) => [s.delay_value, s.order_index])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    const plain = await call('POST', `${base}/chains`, chainBody({ steps: [step(5), step(0)] }));
    expect(plain.body.chain.steps.map((s: { delay_value: number }) => s.delay_value)).toEqual([5, 0]);
  });

  it('defaults: condition all, active, unlimited, no schedule', async () => {
    const res = await call('POST', `${base}/chains`, { name: 'Simple', steps: chainBody().steps });
    expect(res.status).toBe(201);
    expect(res.body.chain).toMatchObject({ condition_type: 'all', condition_stages: [], is_active: true, run_limit: 0, schedule: null, condition_exclude: null });
  });

  it('PATCH changes fields, replaces steps only when given, checks the condition on the merged chain', async () => {
    const c = (await call('POST', `${base}/chains`, chainBody())).body.chain;
    const renamed = await call('PATCH', `${base}/chains/${c.id}`, { name: 'Renamed', run_limit: 3 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.chain).toMatchObject({ name: 'Renamed', run_limit: 3 });
    expect(renamed.body.chain.steps.map((s: { id: string }) => s.id)).toEqual(c.steps.map((s: { id: string }) => s.id));

    const steps = [{ delay_value: 2, delay_unit: 'Часы', actions: [{ action_type: 'update_field', instruction: 'Set status to cold' }] }];
    const replaced = await call('PATCH', `${base}/chains/${c.id}`, { steps });
    expect(replaced.body.chain.steps).toHaveLength(1);
    expect(replaced.body.chain.steps[0]).toMatchObject({ order_index: 0, delay_value: 2, delay_unit: 'Часы' });
    const [{ n }] = await db.query<{ n: number }>(
      'select count(*)::int as n from chain_step_actions a join chain_steps s on s.id = a.step_id where s.chain_id = $1',
      [c.id],
    );
    expect(n).toBe(1);

    expectFieldError(await call('PATCH', `${base}/chains/${c.id}`, { condition_stages: [] }), 'condition_stages');
    const toAll = await call('PATCH', `${base}/chains/${c.id}`, { condition_type: 'all', condition_stages: [] });
    expect(toAll.body.chain).toMatchObject({ condition_type: 'all', condition_stages: [] });
    expectFieldError(await call('PATCH', `${base}/chains/${c.id}`, { condition_type: 'specific' }), 'condition_stages');
    const sched = await call('PATCH', `${base}/chains/${c.id}`, { schedule: null });
    expect(sched.body.chain.schedule).toBeNull();

    const audits = (await auditRows(db, A.workspaceId, 'update_chain')).filter((r) => r.entity_id === c.id);
    expect(audits).toHaveLength(4);
    expect(audits[0].new_values).toEqual({ name: 'Renamed', run_limit: 3 });
  });

  it('toggles and deletes with everything below it, with audit rows', async () => {
    const c = (await call('POST', `${base}/chains`, chainBody())).body.chain;
    expect((await call('PATCH', `${base}/chains/${c.id}/toggle`)).body.chain.is_active).toBe(false);
    expect((await call('PATCH', `${base}/chains/${c.id}/toggle`, { is_active: false })).body.chain.is_active).toBe(false);
    expect((await auditRows(db, A.workspaceId, 'toggle_chain')).filter((r) => r.entity_id === c.id)).toHaveLength(2);
    expect((await call('DELETE', `${base}/chains/${c.id}`)).status).toBe(204);
    expect((await call('GET', `${base}/chains/${c.id}`)).status).toBe(404);
    expect(await db.query('select 1 from chain_steps where chain_id = $1', [c.id])).toEqual([]);
    expect((await auditRows(db, A.workspaceId, 'delete_chain')).filter((r) => r.entity_id === c.id)).toHaveLength(1);
  });

  const stepWith = (over: Record<string, unknown>) => [{ ...chainBody().steps[0], ...over }];
  const schedWith = (over: Record<string, unknown>) => [{ day: 'Вторник', enabled: true, start: '09:00', end: '18:00', ...over }];

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ condition_type: 'some' }, 'condition_type'],
    [{ condition_type: 'specific', condition_stages: [] }, 'condition_stages'],
    [{ condition_type: 'specific', condition_stages: undefined }, 'condition_stages'],
    [{ condition_stages: ['a', 'a'] }, 'condition_stages.1'],
    [{ run_limit: -1 }, 'run_limit'],
    [{ steps: [] }, 'steps'],
    [{ steps: undefined }, 'steps'],
    [{ steps: stepWith({ delay_value: -1 }) }, 'steps.0.delay_value'],
    [{ steps: stepWith({ delay_value: 2.5 }) }, 'steps.0.delay_value'],
    [{ steps: stepWith({ delay_unit: 'Недели' }) }, 'steps.0.delay_unit'],
    [{ steps: stepWith({ delay_unit: 'minutes' }) }, 'steps.0.delay_unit'],
    [{ steps: stepWith({ actions: [] }) }, 'steps.0.actions'],
    [{ steps: stepWith({ actions: [{ action_type: 'send_sms', instruction: 'x' }] }) }, 'steps.0.actions.0.action_type'],
    [{ steps: stepWith({ actions: [{ action_type: 'generate_message', instruction: '' }] }) }, 'steps.0.actions.0.instruction'],
    [{ steps: [...stepWith({ order_index: 1 }), ...stepWith({ order_index: 1 })] }, 'steps.1.order_index'],
    [{ steps: stepWith({ order_index: -1 }) }, 'steps.0.order_index'],
    [{ schedule: schedWith({ day: 'Sunday' }) }, 'schedule.0.day'],
    [{ schedule: schedWith({ start: '8:00' }) }, 'schedule.0.start'],
    [{ schedule: schedWith({ end: '24:00' }) }, 'schedule.0.end'],
    [{ schedule: schedWith({ start: '22:00', end: '08:00' }) }, 'schedule.0.end'],
    [{ schedule: [...schedWith({}), ...schedWith({})] }, 'schedule.1.day'],
    [{ schedule: schedWith({ enabled: undefined }) }, 'schedule.0.enabled'],
    [{ condition_exclude: 'x'.repeat(2001) }, 'condition_exclude'],
  ])('POST refuses %# naming %s', async (over, field) => {
    expectFieldError(await call('POST', `${base}/chains`, chainBody(over)), field);
  });

  it.each([
    [{ steps: [] }, 'steps'],
    [{ steps: stepWith({ delay_unit: 'Годы' }) }, 'steps.0.delay_unit'],
    [{ schedule: schedWith({ start: '10:00', end: '10:00' }) }, 'schedule.0.end'],
    [{ run_limit: -1 }, 'run_limit'],
  ])('PATCH refuses %# naming %s', async (body, field) => {
    const c = (await call('POST', `${base}/chains`, chainBody())).body.chain;
    expectFieldError(await call('PATCH', `${base}/chains/${c.id}`, body), field);
  });

  it('answers 404 for an unknown chain', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', `${base}/chains/${none}`)).status).toBe(404);
    expect((await call('PATCH', `${base}/chains/${none}`, { name: 'x' })).status).toBe(404);
    expect((await call('PATCH', `${base}/chains/${none}/toggle`)).status).toBe(404);
    expect((await call('DELETE', `${base}/chains/${none}`)).status).toBe(404);
  });
});
