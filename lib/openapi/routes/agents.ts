// The OpenAPI description of the /api/agents routes, from the same zod schemas the routes use.
// Loaded by lib/openapi/document.ts (`import '@/lib/agents/openapi-routes'`).
import { z } from 'zod';
import { defineRoute, type RouteDoc } from '../registry';
import { MODEL_IDS } from '@/lib/ai/models';
import * as s from '@/lib/agents/schemas';
import { crmWarning } from './crm-agents';

const ts = z.string().meta({ format: 'date-time' });
const agentSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  is_active: z.boolean(),
  model: z.enum(MODEL_IDS),
  kb_only: z.boolean().describe('Answers quote the knowledge base; no model is called'),
  created_at: ts,
  total_messages: z.number(),
  total_conversations: z.number(),
});
export const readiness = z
  .object({
    ready: z.boolean().describe('Every blocking check passes: the agent can answer'),
    mode: z.enum(['model', 'kb_only']),
    channel: z.enum(['connected', 'test_chat_only']),
    checks: z.array(z.object({ code: z.enum(['model', 'knowledge', 'channel']), ok: z.boolean(), blocking: z.boolean(), message: z.string() })),
  })
  .meta({
    example: {
      ready: false,
      mode: 'model',
      channel: 'test_chat_only',
      checks: [
        { code: 'model', ok: false, blocking: true, message: 'No API key is configured for OpenAI GPT-4.1: add one in Settings → AI provider or switch to knowledge-base-only answers' },
        { code: 'knowledge', ok: true, blocking: true, message: 'The agent answers from the knowledge base' },
        { code: 'channel', ok: false, blocking: false, message: 'No connected channel: the agent answers in the test chat only' },
      ],
    },
  });
const pipeline = z.object({
  id: z.uuid(),
  pipeline_id: z.string(),
  pipeline_name: z.string(),
  is_active: z.boolean(),
  all_stages: z.boolean(),
  stages: z.array(z.string()),
  stage_instructions: z.record(z.string(), z.string()),
  created_at: ts,
  updated_at: ts,
});
const channels = z.object({ all_channels: z.boolean(), channels: z.array(z.enum(s.CHANNELS)) });
const knowledgeScope = z.object({
  all_categories: z.boolean(),
  selected_categories: z.array(z.uuid()),
  create_task_if_no_answer: z.boolean(),
  no_answer_message: z.string().nullable(),
});
const crmAccess = z.object({ read_deal_fields: z.array(z.string()), read_contact_fields: z.array(z.string()) });
const stamps = { id: z.uuid(), order_index: z.number(), created_at: ts, updated_at: ts };
const updateRule = z.object({ ...stamps, entity_type: z.enum(s.ENTITY_TYPES), field_id: z.string(), condition: z.string(), overwrite: z.boolean() });
const trigger = z.object({
  id: z.uuid(),
  name: z.string(),
  is_active: z.boolean(),
  condition: z.string(),
  cancel_message: z.string().nullable(),
  run_limit: z.number(),
  runs_count: z.number(),
  actions: z.array(z.object({ id: z.uuid(), action_type: z.enum(s.TRIGGER_ACTION_TYPES), action_config: z.record(z.string(), z.unknown()), order_index: z.number() })),
  created_at: ts,
  updated_at: ts,
});
const chain = z.object({
  id: z.uuid(),
  name: z.string(),
  is_active: z.boolean(),
  condition_type: z.enum(s.CONDITION_TYPES),
  condition_stages: z.array(z.string()),
  condition_exclude: z.string().nullable(),
  run_limit: z.number(),
  runs_count: z.number(),
  schedule: z.array(z.object({ day: z.enum(s.WEEKDAYS), enabled: z.boolean(), start: z.string(), end: z.string() })).nullable(),
  steps: z.array(
    z.object({
      id: z.uuid(),
      order_index: z.number(),
      delay_value: z.number(),
      delay_unit: z.enum(s.DELAY_UNITS),
      actions: z.array(z.object({ id: z.uuid(), action_type: z.enum(s.CHAIN_ACTION_TYPES), instruction: z.string().nullable(), order_index: z.number() })),
    }),
  ),
  created_at: ts,
  updated_at: ts,
  stats: z
    .object({ runs_started: z.number(), running: z.number(), sent: z.number(), replied: z.number() })
    .describe('The chain’s runs: started, running now, messages its steps sent, steps a customer answered after'),
  runs_in_flight: z.number().describe('Runs going now (they keep the chain version they started with)'),
});
const knowledgeEntry = z.object({ ...stamps, title: z.string(), content: z.string() });
const script = z.object({ ...stamps, name: z.string(), stage: z.string().nullable(), script: z.string() });
const objection = z.object({ ...stamps, objection: z.string(), response: z.string() });
const agent = agentSummary.extend({
  system_instructions: z.string(),
  check_before_send: z.boolean(),
  auto_detect_language: z.boolean(),
  response_language: z.string().nullable(),
  creativity_level: z.enum(s.CREATIVITY_LEVELS),
  response_delay_seconds: z.number(),
  schedule_enabled: z.boolean(),
  working_schedule: chain.shape.schedule,
  average_response_time: z.number().nullable(),
  created_by: z.uuid().nullable(),
  updated_at: ts,
});
const fullAgent = agent.extend({
  pipelines: z.array(pipeline),
  channels,
  knowledge_base: knowledgeScope,
  crm_access: crmAccess,
  update_rules: z.array(updateRule),
  triggers: z.array(trigger),
  chains: z.array(chain),
  company_knowledge: z.array(knowledgeEntry),
  sales_scripts: z.array(script),
  objection_responses: z.array(objection),
  warnings: z.array(crmWarning),
  readiness,
});

type Doc = Omit<RouteDoc, 'tag' | 'permission' | 'params'> & { write?: boolean; params?: string[] };
const A = '/api/agents/:id';

function route(doc: Doc): void {
  const { write, params, ...rest } = doc;
  defineRoute({
    ...rest,
    tag: 'Agents',
    permission: write ? 'agents.write' : 'agents.read',
    params: params && Object.fromEntries(params.map((p) => [p, 'uuid' as const])),
  });
}

function crud(path: string, child: string, label: string, create: z.ZodType, update: z.ZodType, listKey: string, oneKey: string, item: z.ZodType) {
  const one = `${A}/${path}/:${child}`;
  route({ method: 'get', path: `${A}/${path}`, summary: `List ${label}`, params: ['id'], response: z.object({ [listKey]: z.array(item) }) });
  route({ method: 'post', path: `${A}/${path}`, summary: `Add ${label}`, write: true, params: ['id'], body: create, status: 201, response: z.object({ [oneKey]: item }) });
  route({ method: 'get', path: one, summary: `One of ${label}`, params: ['id', child], response: z.object({ [oneKey]: item }) });
  route({ method: 'patch', path: one, summary: `Change one of ${label}`, write: true, params: ['id', child], body: update, response: z.object({ [oneKey]: item }) });
  route({ method: 'delete', path: one, summary: `Delete one of ${label}`, write: true, params: ['id', child], status: 204 });
}

const pagination = z.object({ page: z.number(), limit: z.number(), total: z.number(), pages: z.number() });
const models = z.object({
  models: z.array(
    z.object({
      id: z.enum(MODEL_IDS),
      provider: z.string(),
      provider_model: z.string(),
      label: z.string(),
      configured: z.boolean(),
      context_tokens: z.number(),
      price_in_per_mtok: z.number(),
      price_out_per_mtok: z.number(),
    }),
  ),
  default_model: z.enum(MODEL_IDS),
});

route({
  method: 'get',
  path: '/api/agents',
  summary: 'List agents (page, limit ≤ 100, search by name, is_active); crm_warnings counts settings naming deleted CRM pipelines, stages or fields',
  query: s.listAgentsQuery,
  response: z.object({ agents: z.array(agentSummary.extend({ crm_warnings: z.number(), readiness })), pagination }),
});
route({ method: 'post', path: '/api/agents', summary: 'Create an agent (422 when the plan’s agent count or instructions length is exceeded)', write: true, body: s.createAgentSchema, status: 201, response: z.object({ agent }) });
route({ method: 'get', path: '/api/agents/models', summary: 'The models an agent can use; configured = its provider has a key (workspace or env); prices in USD per million tokens', response: models });
route({ method: 'get', path: A, summary: 'An agent with all its settings', params: ['id'], response: z.object({ agent: fullAgent }) });
route({
  method: 'patch',
  path: A,
  summary: 'Change an agent, including working hours and kb_only; is_active: true on an agent that cannot answer → 409 agent_not_ready (details.checks)',
  write: true,
  params: ['id'],
  body: s.updateAgentSchema,
  response: z.object({ agent: agent.extend({ readiness }) }),
});
route({ method: 'delete', path: A, summary: 'Delete an agent and everything it owns', write: true, params: ['id'], status: 204 });
route({ method: 'post', path: `${A}/duplicate`, summary: 'Deep copy, named "<name> (копия)", switched off', write: true, params: ['id'], status: 201, response: z.object({ agent: fullAgent }) });
route({
  method: 'patch',
  path: `${A}/toggle`,
  summary: 'Switch on/off (flip, or { is_active }); switching on an agent that cannot answer → 409 agent_not_ready (details.checks: the failing checks)',
  write: true,
  params: ['id'],
  body: s.toggleSchema,
  response: z.object({ agent: agent.extend({ readiness }) }),
});
route({
  method: 'get',
  path: `${A}/readiness`,
  summary: 'Can the agent answer? Blocking checks model (key or kb_only) and knowledge (categories with active articles); channel informs',
  params: ['id'],
  response: readiness,
});
route({ method: 'get', path: `${A}/pipelines`, summary: 'Pipelines, stages and stage instructions', params: ['id'], response: z.object({ pipelines: z.array(pipeline) }) });
route({ method: 'put', path: `${A}/pipelines`, summary: 'Replace the pipelines', write: true, params: ['id'], body: s.setPipelinesSchema, response: z.object({ pipelines: z.array(pipeline) }) });
route({ method: 'get', path: `${A}/channels`, summary: 'Channels the agent answers in', params: ['id'], response: channels });
route({ method: 'put', path: `${A}/channels`, summary: 'Set the channels', write: true, params: ['id'], body: s.setChannelsSchema, response: channels });
route({ method: 'get', path: `${A}/knowledge-base`, summary: 'Knowledge-base categories the agent answers from', params: ['id'], response: knowledgeScope });
route({ method: 'put', path: `${A}/knowledge-base`, summary: 'Set the knowledge-base scope', write: true, params: ['id'], body: s.setKnowledgeScopeSchema, response: knowledgeScope });
route({ method: 'get', path: `${A}/crm-access`, summary: 'CRM fields the agent may read', params: ['id'], response: crmAccess });
route({ method: 'put', path: `${A}/crm-access`, summary: 'Set the readable CRM fields', write: true, params: ['id'], body: s.setCrmAccessSchema, response: crmAccess });
route({ method: 'put', path: `${A}/update-rules/order`, summary: 'Reorder the update rules ({ ids } = every rule once)', write: true, params: ['id'], body: s.reorderSchema, response: z.object({ update_rules: z.array(updateRule) }) });
crud('update-rules', 'ruleId', 'update rules', s.createUpdateRuleSchema, s.updateUpdateRuleSchema, 'update_rules', 'update_rule', updateRule);
crud('triggers', 'triggerId', 'triggers', s.createTriggerSchema, s.updateTriggerSchema, 'triggers', 'trigger', trigger);
route({ method: 'patch', path: `${A}/triggers/:triggerId/toggle`, summary: 'Switch a trigger on/off', write: true, params: ['id', 'triggerId'], body: s.toggleSchema, response: z.object({ trigger }) });
crud('chains', 'chainId', 'chains', s.createChainSchema, s.updateChainSchema, 'chains', 'chain', chain);
route({ method: 'patch', path: `${A}/chains/:chainId/toggle`, summary: 'Switch a chain on/off', write: true, params: ['id', 'chainId'], body: s.toggleSchema, response: z.object({ chain }) });
crud('knowledge', 'knowledgeId', 'company knowledge', s.createKnowledgeSchema, s.updateKnowledgeSchema, 'knowledge', 'knowledge_entry', knowledgeEntry);
crud('scripts', 'scriptId', 'sales scripts', s.createScriptSchema, s.updateScriptSchema, 'scripts', 'script', script);
crud('objections', 'objectionId', 'objection responses', s.createObjectionSchema, s.updateObjectionSchema, 'objections', 'objection', objection);
