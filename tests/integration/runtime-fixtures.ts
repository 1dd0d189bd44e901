// Shared set-up for the agent-runtime tests (not a test file itself): one workspace with an
// agent that works the default pipeline's first three stages, custom fields, update rules, CRM
// access, a client with a conversation, and a price list. Written straight into the tables
// (their own endpoints have their own tests); call once per file in beforeAll.
import { registerUser } from '../helpers/api';
import type { Database } from '@/lib/db/client';
import { systemActor, type SystemActor } from '@/lib/db/actor';
import type { ConversationChannelType } from '@/lib/db/schema/crm';
import { disableRateLimits, type TestUser } from './agents-fixtures';

export interface RuntimeFixture {
  db: Database;
  owner: TestUser;
  workspaceId: string;
  /** systemActor('agent-runtime', workspaceId): what runAgentTurn and the tools act as. */
  actor: SystemActor;
  agentId: string;
  /** The default pipeline ("Основная воронка") and its stage ids by code (new, qualifying, quoted, …). */
  pipelineId: string;
  stages: Record<string, string>;
  /** The agent works these stages of the default pipeline only. */
  agentStageCodes: string[];
  /** A second pipeline the agent does not work ("Поддержка": open, done). */
  otherPipelineId: string;
  otherStages: Record<string, string>;
  /** Update rules by field code (deal budget: overwrite off; deal title: overwrite on; contact email: on; contact city: off). */
  ruleIds: Record<string, string>;
  clientId: string;
  clientPhone: string;
  conversationId: string;
}

export interface RuntimeFixtureOptions {
  model?: string;
  kbOnly?: boolean;
  companyName?: string;
  systemInstructions?: string;
}

export const RUNTIME_INSTRUCTIONS = 'Ты — вежливый менеджер сервиса ремонта телефонов в Алматы. Отвечай кратко.';

export async function runtimeFixture(db: Database, opts: RuntimeFixtureOptions = {}): Promise<RuntimeFixture> {
  disableRateLimits();
  const owner = await registerUser({ company_name: opts.companyName ?? 'Ремонт KZ' });
  const ws = owner.workspaceId;
  const q = async <T = Record<string, any>>(text: string, params: unknown[] = []) => db.query<T>(text, params) as Promise<T[]>;

  const [main] = await q<{ id: string }>(`select id from pipelines where workspace_id = $1 and is_default`, [ws]);
  const stagesOf = async (pipelineId: string) =>
    Object.fromEntries((await q<{ code: string; id: string }>(`select code, id from pipeline_stages where pipeline_id = $1`, [pipelineId])).map((r) => [r.code, r.id]));
  const [support] = await q<{ id: string }>(`insert into pipelines (workspace_id, name, order_index) values ($1, 'Поддержка', 1) returning id`, [ws]);
  await q(
    `insert into pipeline_stages (workspace_id, pipeline_id, code, name, color, kind, order_index)
     values ($1, $2, 'open', 'Открыта', '#3b82f6', 'open', 0), ($1, $2, 'done', 'Решена', '#22c55e', 'won', 1)`,
    [ws, support.id],
  );
  await q(
    `insert into crm_fields (workspace_id, entity_type, code, name, field_type, options, order_index) values
      ($1, 'deal', 'budget', 'Бюджет', 'money', '[]', 0),
      ($1, 'deal', 'urgency', 'Срочность', 'select', '["low","high"]', 1),
      ($1, 'deal', 'secret_note', 'Служебная заметка', 'text', '[]', 2),
      ($1, 'contact', 'birthday', 'День рождения', 'date', '[]', 0)`,
    [ws],
  );
  const stages = await stagesOf(main.id);
  const agentStageCodes = ['new', 'qualifying', 'quoted'];

  const [agent] = await q<{ id: string }>(
    `insert into agents (workspace_id, name, is_active, model, system_instructions, kb_only, created_by)
     values ($1, 'Продавец', true, $2, $3, $4, $5) returning id`,
    [ws, opts.model ?? 'gpt-4o-mini', opts.systemInstructions ?? RUNTIME_INSTRUCTIONS, opts.kbOnly ?? false, owner.userId],
  );
  const agentId = agent.id;
  await q(
    `insert into agent_pipelines (workspace_id, agent_id, pipeline_id, pipeline_name, is_active, all_stages, stages, stage_instructions)
     values ($1, $2, $3, 'Основная воронка', true, false, $4::jsonb, $5::jsonb)`,
    [ws, agentId, main.id, JSON.stringify(agentStageCodes.map((c) => stages[c])), JSON.stringify({ [stages.new]: 'Узнай модель телефона и проблему' })],
  );
  // An inactive pipeline row: its stages must not count as the agent's.
  await q(
    `insert into agent_pipelines (workspace_id, agent_id, pipeline_id, pipeline_name, is_active, all_stages, stages, order_index)
     values ($1, $2, $3, 'Поддержка', false, true, '[]'::jsonb, 1)`,
    [ws, agentId, support.id],
  );
  await q(
    `insert into agent_knowledge_base (workspace_id, agent_id, all_categories, create_task_if_no_answer, no_answer_message)
     values ($1, $2, true, true, 'Уточню у менеджера и вернусь с ответом.')`,
    [ws, agentId],
  );
  await q(
    `insert into agent_crm_access (workspace_id, agent_id, read_deal_fields, read_contact_fields)
     values ($1, $2, '["title","price","budget","urgency"]'::jsonb, '["name","phone","city","email"]'::jsonb)`,
    [ws, agentId],
  );
  const rules = await q<{ id: string; field_id: string }>(
    `insert into agent_update_rules (workspace_id, agent_id, entity_type, field_id, condition, overwrite, order_index) values
      ($1, $2, 'deal', 'budget', 'Клиент назвал бюджет', false, 0),
      ($1, $2, 'deal', 'title', 'Понятно, какое устройство и что с ним', true, 1),
      ($1, $2, 'contact', 'email', 'Клиент дал e-mail', true, 2),
      ($1, $2, 'contact', 'city', 'Клиент назвал город', false, 3)
     returning id, field_id`,
    [ws, agentId],
  );
  await q(
    `insert into company_knowledge (workspace_id, agent_id, title, content) values ($1, $2, 'Адрес', 'ул. Абая 17, Алматы')`,
    [ws, agentId],
  );
  await q(
    `insert into sales_scripts (workspace_id, agent_id, name, stage, script) values ($1, $2, 'Приветствие', $3, 'Здравствуйте! Чем помочь?')`,
    [ws, agentId, stages.new],
  );
  await q(
    `insert into objection_responses (workspace_id, agent_id, objection, response) values ($1, $2, 'Дорого', 'Даём гарантию 6 месяцев')`,
    [ws, agentId],
  );
  await q(
    `insert into price_list_items (workspace_id, category, device_pattern, service_name, price_from, price_to, currency, duration_minutes, order_index) values
      ($1, 'Экран', 'iPhone 1?*', 'Замена экрана', 25000, 45000, 'KZT', 60, 0),
      ($1, 'Экран', 'Samsung*', 'Замена экрана', 20000, null, 'KZT', 90, 1),
      ($1, 'Батарея', '*', 'Замена батареи', 12000, null, 'KZT', 40, 2)`,
    [ws],
  );
  const clientPhone = '+77011234567';
  const [client] = await q<{ id: string }>(
    `insert into clients (workspace_id, name, phone, search_text) values ($1, 'Айгерим', $2, 'айгерим 77011234567') returning id`,
    [ws, clientPhone],
  );
  const conversationId = await newTurnConversation({ db, workspaceId: ws, agentId, pipelineId: main.id, stages, clientId: client.id });
  return {
    db,
    owner,
    workspaceId: ws,
    actor: systemActor('agent-runtime', ws),
    agentId,
    pipelineId: main.id,
    stages,
    agentStageCodes,
    otherPipelineId: support.id,
    otherStages: await stagesOf(support.id),
    ruleIds: Object.fromEntries(rules.map((r) => [r.field_id, r.id])),
    clientId: client.id,
    clientPhone,
    conversationId,
  };
}

/** Another conversation (deal) of the fixture's client (or `clientId`) with the agent, in stage `new` unless told. */
export async function newTurnConversation(
  fx: Pick<RuntimeFixture, 'db' | 'workspaceId' | 'agentId' | 'pipelineId' | 'stages' | 'clientId'>,
  opts: { stageCode?: string; clientId?: string; channelType?: ConversationChannelType; title?: string; context?: Record<string, unknown> } = {},
): Promise<string> {
  const [row] = (await fx.db.query<{ id: string }>(
    `insert into conversations (workspace_id, client_id, agent_id, pipeline_id, stage_id, channel_type, title, context)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) returning id`,
    [
      fx.workspaceId,
      opts.clientId ?? fx.clientId,
      fx.agentId,
      fx.pipelineId,
      fx.stages[opts.stageCode ?? 'new'],
      opts.channelType ?? 'test',
      opts.title ?? null,
      JSON.stringify(opts.context ?? {}),
    ],
  )) as { id: string }[];
  return row.id;
}

/** A customer's message in a conversation (what a turn answers). */
export async function customerSays(fx: Pick<RuntimeFixture, 'db' | 'workspaceId'>, conversationId: string, content: string): Promise<string> {
  const [row] = (await fx.db.query<{ id: string }>(
    `insert into messages (workspace_id, conversation_id, role, direction, content) values ($1, $2, 'user', 'inbound', $3) returning id`,
    [fx.workspaceId, conversationId, content],
  )) as { id: string }[];
  return row.id;
}

/** Timeline events of a conversation, oldest first. */
export async function conversationEvents(db: Database, conversationId: string) {
  return db.query<{ event_type: string; source: string; payload: any }>(
    `select event_type, source, payload from crm_events where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
}
