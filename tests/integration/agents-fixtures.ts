// Shared set-up for the agents integration tests (not a test file itself).
import { expect } from 'vitest';
import { api, registerUser, type ApiResult } from '../helpers/api';
import type { Database } from '@/lib/db/client';

export type TestUser = Awaited<ReturnType<typeof registerUser>>;

export const INSTRUCTIONS = 'You are a friendly sales assistant for a phone repair shop in Almaty.';

/**
 * A system actor for the tests that drive lib functions (agents, knowledge base) as a system
 * actor. The wall gives each real actor only its job's tables (agent-runtime does not create
 * agents), so the tests register this one with the rights of the job they exercise: agents
 * and their settings, the knowledge base, the audit log and the outbox; read the workspace.
 * People's tables (users, memberships, invitations) stay out of reach.
 */
export const LIB_TEST_ACTOR = 'lib-test';

export async function registerLibTestActor(db: Database): Promise<void> {
  await db.query(
    `insert into app.system_actor_rights (system_name, table_name, access)
     select $1, c.relname, case when c.relname = 'workspaces' then 'read' else 'write' end
     from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
       and (c.relname in ('workspaces', 'agents', 'triggers', 'trigger_actions', 'chains', 'chain_steps', 'chain_step_actions',
                          'company_knowledge', 'sales_scripts', 'objection_responses', 'audit_log', 'event_outbox')
            or c.relname like 'agent\\_%' or c.relname like 'kb\\_%')
     on conflict do nothing`,
    [LIB_TEST_ACTOR],
  );
}

/** These suites make hundreds of writes per user; the limits have their own tests. */
export function disableRateLimits(): void {
  process.env.RATE_LIMIT_DISABLED = 'true';
}

export async function newAgent(token: string, body: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/agents', { token, body: { name: 'Sales Agent', system_instructions: INSTRUCTIONS, ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.agent as { id: string; name: string; [k: string]: unknown };
}

/** An active knowledge-base article in `categories` (in a new category when none are given). */
export async function addActiveArticle(token: string, categories: string[] = []) {
  if (!categories.length) {
    const cat = await api('POST', '/api/kb/categories', { token, body: { name: `Доставка ${Math.random().toString(36).slice(2, 8)}` } });
    expect(cat.status, JSON.stringify(cat.body)).toBe(201);
    categories = [cat.body.category.id];
  }
  const art = await api('POST', '/api/kb/articles', { token, body: { title: 'Доставка', content: 'Доставка по Алматы за один день, бесплатно от 20 000 ₸.', categories } });
  expect(art.status, JSON.stringify(art.body)).toBe(201);
  return art.body.article as { id: number };
}

/** Makes an agent able to answer (honest readiness): knowledge-base-only answers and an active article in `categories`. */
export async function makeAgentReady(token: string, agentId: string, categories: string[] = []) {
  await addActiveArticle(token, categories);
  const res = await api('PATCH', `/api/agents/${agentId}`, { token, body: { kb_only: true } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Adds a user to `owner`'s workspace with `role`; requests then pick that workspace by header. */
export async function addMember(db: Database, owner: TestUser, role: 'admin' | 'member' | 'viewer') {
  const user = await registerUser();
  await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, $3)`, [owner.workspaceId, user.userId, role]);
  return { ...user, headers: { 'x-tenant-id': owner.workspaceId } };
}

export async function setPlan(db: Database, workspaceId: string, plan: 'trial' | 'launch' | 'scale' | 'max') {
  await db.query(`update workspaces set subscription_plan = $2 where id = $1`, [workspaceId, plan]);
}

export function fieldsOf(res: ApiResult): string[] {
  return (res.body?.error?.details?.fields ?? []).map((f: { field: string }) => f.field);
}

/** Asserts a 400 validation error that names `field`. */
export function expectFieldError(res: ApiResult, field: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_error');
  expect(fieldsOf(res), JSON.stringify(res.body.error)).toContain(field);
}

export async function auditRows(db: Database, workspaceId: string, action: string) {
  return db.query<{ entity_type: string; entity_id: string; old_values: any; new_values: any; user_id: string }>(
    `select entity_type, entity_id, old_values, new_values, user_id from audit_log
      where workspace_id = $1 and action = $2 order by created_at`,
    [workspaceId, action],
  );
}

export async function newCategory(db: Database, workspaceId: string, name = 'Цены') {
  const [row] = await db.query<{ id: string }>(`insert into kb_categories (workspace_id, name) values ($1, $2) returning id`, [workspaceId, name]);
  return row.id;
}

export const triggerBody = (extra: Record<string, unknown> = {}) => ({
  name: 'Welcome Message',
  is_active: true,
  condition: 'When conversation starts',
  actions: [
    { action_type: 'send_message', action_config: { message: 'Hello! How can I help you?' } },
    { action_type: 'notify_manager', action_config: { message: 'New lead' } },
  ],
  cancel_message: 'Operation cancelled',
  run_limit: 1,
  ...extra,
});

export const chainBody = (extra: Record<string, unknown> = {}) => ({
  name: 'Follow-up Sequence',
  is_active: true,
  condition_type: 'specific',
  condition_stages: ['new_lead'],
  condition_exclude: 'if already contacted',
  steps: [
    { order_index: 0, delay_value: 20, delay_unit: 'Минуты', actions: [{ action_type: 'generate_message', instruction: 'Send a follow-up message' }] },
    {
      order_index: 1,
      delay_value: 1,
      delay_unit: 'Дни',
      actions: [
        { action_type: 'generate_message', instruction: 'Remind about the offer' },
        { action_type: 'create_task', instruction: 'Call the customer' },
      ],
    },
  ],
  schedule: [
    { day: 'Понедельник', enabled: true, start: '08:00', end: '22:00' },
    { day: 'Суббота', enabled: false, start: '10:00', end: '18:00' },
  ],
  run_limit: 0,
  ...extra,
});

/** An agent with every kind of sub-resource filled in; returns the agent's full view. */
export async function fullAgent(db: Database, user: TestUser, name = 'Full Agent') {
  const { token } = user;
  const agent = await newAgent(token, { name });
  const base = `/api/agents/${agent.id}`;
  const category = await newCategory(db, user.workspaceId, `Cat for ${name}`);
  const crm = await crmFixture(db, user.workspaceId);
  const calls: [string, string, unknown][] = [
    [
      'PUT',
      `${base}/pipelines`,
      { pipelines: [{ pipeline_id: crm.pipelineId, pipeline_name: 'Воронка продаж', is_active: true, stages: [crm.stages.new, crm.stages.qualifying], stage_instructions: { [crm.stages.new]: 'Be friendly' } }] },
    ],
    ['PUT', `${base}/channels`, { all_channels: false, channels: ['whatsapp', 'telegram'] }],
    ['PUT', `${base}/knowledge-base`, { all_categories: false, selected_categories: [category], create_task_if_no_answer: true, no_answer_message: 'Уточню у менеджера' }],
    ['PUT', `${base}/crm-access`, { read_deal_fields: ['budget'], read_contact_fields: ['phone'] }],
    ['POST', `${base}/update-rules`, { entity_type: 'deal', field_id: 'budget', condition: 'when customer mentions price' }],
    ['POST', `${base}/update-rules`, { entity_type: 'contact', field_id: 'email', condition: 'when customer gives an email', overwrite: true }],
    ['POST', `${base}/triggers`, triggerBody()],
    ['POST', `${base}/chains`, chainBody()],
    ['POST', `${base}/knowledge`, { title: 'Адрес', content: 'ул. Абая 17' }],
    ['POST', `${base}/scripts`, { name: 'Приветствие', stage: 'new_lead', script: 'Здравствуйте!' }],
    ['POST', `${base}/objections`, { objection: 'Дорого', response: 'Даём гарантию 1 год' }],
  ];
  for (const [method, path, body] of calls) {
    const res = await api(method, path, { token, body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  }
  const full = await api('GET', base, { token });
  expect(full.status).toBe(200);
  return full.body.agent;
}

export interface CrmFixture {
  /** The workspace's default pipeline ("Основная воронка") and its stage ids by code. */
  pipelineId: string;
  pipelineName: string;
  stages: Record<string, string>;
  /** A second pipeline, "Поддержка", with stages open and done. */
  supportId: string;
  supportStages: Record<string, string>;
}

/**
 * The CRM an agent's settings pick from: the default pipeline every workspace gets, a second
 * pipeline, and custom fields (deal: budget; contact: f_name, l_name), written as the owner would.
 */
export async function crmFixture(db: Database, workspaceId: string): Promise<CrmFixture> {
  const stagesOf = async (pipelineId: string) =>
    Object.fromEntries(
      (await db.query<{ code: string; id: string }>('select code, id from pipeline_stages where pipeline_id = $1', [pipelineId])).map((r) => [r.code, r.id]),
    );
  const [main] = await db.query<{ id: string; name: string }>('select id, name from pipelines where workspace_id = $1 and is_default', [workspaceId]);
  let [support] = await db.query<{ id: string }>(`select id from pipelines where workspace_id = $1 and name = 'Поддержка'`, [workspaceId]);
  if (!support) {
    [support] = await db.query<{ id: string }>(
      `insert into pipelines (workspace_id, name, order_index) values ($1, 'Поддержка', 1) returning id`,
      [workspaceId],
    );
    await db.query(
      `insert into pipeline_stages (workspace_id, pipeline_id, code, name, color, kind, order_index)
       values ($1, $2, 'open', 'Открыта', '#3b82f6', 'open', 0), ($1, $2, 'done', 'Решена', '#22c55e', 'won', 1)`,
      [workspaceId, support.id],
    );
  }
  await db.query(
    `insert into crm_fields (workspace_id, entity_type, code, name, field_type, order_index)
     values ($1, 'deal', 'budget', 'Бюджет', 'money', 0), ($1, 'contact', 'f_name', 'Имя (анкета)', 'text', 0),
            ($1, 'contact', 'l_name', 'Фамилия', 'text', 1)
     on conflict do nothing`,
    [workspaceId],
  );
  return { pipelineId: main.id, pipelineName: main.name, stages: await stagesOf(main.id), supportId: support.id, supportStages: await stagesOf(support.id) };
}
