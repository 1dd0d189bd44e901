// Validation for agents and their settings (seed 000 "Валидация данных"), shared by
// routes, server actions and forms. Update schemas are built from default-free
// fields: in zod 4 `.partial()` would still apply defaults and overwrite columns.
import { z } from 'zod';
import { MODEL_IDS } from '@/lib/ai/models';
import { badRequest } from '@/lib/api/errors';
import { paginationQuery, queryBool } from '@/lib/api/pagination';

/** The column's check constraint; no plan allows more (lib/billing/plans.ts). */
export const INSTRUCTIONS_MAX_LENGTH = 40_000;
export const CREATIVITY_LEVELS = ['precise', 'balanced', 'creative'] as const;
export const WEEKDAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'] as const;
export const CHANNELS = ['whatsapp', 'telegram', 'email', 'chat', 'instagram', 'kommo'] as const;
export const ENTITY_TYPES = ['deal', 'contact'] as const;
export const DELAY_UNITS = ['Минуты', 'Часы', 'Дни'] as const;
export const CONDITION_TYPES = ['all', 'specific'] as const;
export const CHAIN_ACTION_TYPES = ['generate_message', 'update_field', 'create_task'] as const;
export const TRIGGER_ACTION_TYPES = [
  'update_field',
  'send_message',
  'create_task',
  'change_stage',
  'notify_manager',
  'stop_agent',
] as const;
export type TriggerActionType = (typeof TRIGGER_ACTION_TYPES)[number];

/** A 400 naming one field, in the same shape zod failures produce; `code` names the rule for clients. */
export function invalidField(field: string, message: string, code = 'custom') {
  return badRequest(`Invalid value for: ${field}`, { fields: [{ field, message, code }] });
}

/** A cross-field rule that failed: the code clients translate, and the API's English sentence. */
export interface Problem {
  code: string;
  message: string;
}

const text = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(min, min === 1 ? `${field} cannot be empty` : `${field} must be at least ${min} characters`)
    .max(max, `${field} must be at most ${max} characters`);
const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .nullable()
    .transform((v) => v || null);
const bool = (field: string) => z.boolean({ error: `${field} must be true or false` });
const int = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be between ${min} and ${max}`)
    .max(max, `${field} must be between ${min} and ${max}`);
const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of: ${values.join(', ')}` });
/** CRM ids (pipelines, stages, fields) are the CRM's strings, not our uuids. */
const crmId = (field: string) => text(field, 1, 100);
const runLimit = int('run_limit', 0, 1_000_000);
const orderIndex = int('order_index', 0, 1_000_000);

function uniqueList<T extends z.ZodType>(item: T, field: string, max: number) {
  return z
    .array(item, { error: `${field} must be a list` })
    .max(max, `${field} can hold at most ${max} entries`)
    .superRefine((list, ctx) => {
      const seen = new Set<unknown>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `${field} lists ${String(v)} twice`, params: { code: 'duplicate' } });
        seen.add(v);
      });
    });
}

// ---- weekly schedule (agent working hours and chain schedules) ----

const hhmm = (field: string) =>
  z.string({ error: `${field} must be a time HH:MM` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${field} must be a time HH:MM (00:00-23:59)`);

export const scheduleDaySchema = z
  .object({
    day: oneOf('day', WEEKDAYS),
    enabled: bool('enabled'),
    start: hhmm('start'),
    end: hhmm('end'),
  })
  .strict()
  .refine((d) => d.start < d.end, { path: ['end'], message: 'end must be later than start', params: { code: 'end_before_start' } });

export const weeklyScheduleSchema = z
  .array(scheduleDaySchema, { error: 'schedule must be a list of days' })
  .max(7, 'a schedule has at most 7 days')
  .superRefine((days, ctx) => {
    const seen = new Set<string>();
    days.forEach((d, i) => {
      if (seen.has(d.day)) ctx.addIssue({ code: 'custom', path: [i, 'day'], message: `${d.day} appears twice`, params: { code: 'duplicate' } });
      seen.add(d.day);
    });
  });
export type WeeklySchedule = z.infer<typeof weeklyScheduleSchema>;

// ---- agent ----

const agentFields = {
  name: text('name', 1, 255),
  is_active: bool('is_active'),
  model: oneOf('model', MODEL_IDS),
  system_instructions: text('system_instructions', 10, INSTRUCTIONS_MAX_LENGTH),
  check_before_send: bool('check_before_send'),
  kb_only: bool('kb_only'),
  auto_detect_language: bool('auto_detect_language'),
  response_language: z
    .string({ error: 'response_language must be text' })
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/, 'response_language must be a language code such as ru, en or kk')
    .nullable(),
  creativity_level: oneOf('creativity_level', CREATIVITY_LEVELS),
  response_delay_seconds: int('response_delay_seconds', 0, 300),
  schedule_enabled: bool('schedule_enabled'),
  working_schedule: weeklyScheduleSchema.nullable(),
  /** Sent once per closed period to a customer who writes outside working hours (issue 9); null: wait silently. */
  off_hours_message: z
    .string({ error: 'off_hours_message must be text' })
    .trim()
    .max(4096, 'off_hours_message must be at most 4096 characters')
    .nullable(),
};

/** Working hours switched on need days to work on. */
export function scheduleProblem(enabled: boolean, schedule: readonly { enabled: boolean }[] | null | undefined): Problem | null {
  return enabled && !schedule?.some((d) => d.enabled)
    ? { code: 'schedule_needs_day', message: 'schedule_enabled needs at least one enabled day in working_schedule' }
    : null;
}

export const createAgentSchema = z
  .object(agentFields)
  .partial()
  .required({ name: true, system_instructions: true })
  .strict()
  .superRefine((a, ctx) => {
    const problem = scheduleProblem(a.schedule_enabled ?? false, a.working_schedule);
    if (problem) ctx.addIssue({ code: 'custom', path: ['working_schedule'], message: problem.message, params: { code: problem.code } });
  });
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

export const updateAgentSchema = z.object(agentFields).partial().strict();
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

export const toggleSchema = z.object({ is_active: bool('is_active') }).partial().strict();

export const listAgentsQuery = paginationQuery.extend({
  search: z.string().trim().max(255, 'search must be at most 255 characters').optional(),
  is_active: queryBool.optional(),
});
export type ListAgentsQuery = z.infer<typeof listAgentsQuery>;

// ---- pipelines, channels, knowledge-base scope, CRM access ----

const pipelineSchema = z
  .object({
    pipeline_id: crmId('pipeline_id'),
    /** Taken from the CRM when omitted. */
    pipeline_name: text('pipeline_name', 1, 255).optional(),
    is_active: bool('is_active').default(false),
    all_stages: bool('all_stages').default(false),
    stages: uniqueList(crmId('stages'), 'stages', 200).default([]),
    stage_instructions: z
      .record(crmId('stage id'), text('stage instruction', 1, 10_000), { error: 'stage_instructions must map stage ids to text' })
      .default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.all_stages) return;
    for (const stage of Object.keys(p.stage_instructions)) {
      if (!p.stages.includes(stage)) {
        ctx.addIssue({ code: 'custom', path: ['stage_instructions', stage], message: `stage ${stage} is not among stages`, params: { code: 'stage_not_listed' } });
      }
    }
    if (p.is_active && p.stages.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'an active pipeline needs stages or all_stages', params: { code: 'pipeline_needs_stages' } });
    }
  });

export const setPipelinesSchema = z
  .object({ pipelines: z.array(pipelineSchema, { error: 'pipelines must be a list' }).max(50, 'at most 50 pipelines') })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.pipelines.forEach((p, i) => {
      if (seen.has(p.pipeline_id)) {
        ctx.addIssue({ code: 'custom', path: ['pipelines', i, 'pipeline_id'], message: `pipeline ${p.pipeline_id} appears twice`, params: { code: 'duplicate' } });
      }
      seen.add(p.pipeline_id);
    });
  });
export type SetPipelinesInput = z.infer<typeof setPipelinesSchema>;

export const setChannelsSchema = z
  .object({
    all_channels: bool('all_channels').default(false),
    channels: uniqueList(oneOf('channels', CHANNELS), 'channels', CHANNELS.length).default([]),
  })
  .strict();

export const setKnowledgeScopeSchema = z
  .object({
    all_categories: bool('all_categories').default(false),
    selected_categories: uniqueList(z.uuid('selected_categories must hold category ids'), 'selected_categories', 500).default([]),
    create_task_if_no_answer: bool('create_task_if_no_answer').default(false),
    no_answer_message: optionalText('no_answer_message', 2000).default(null),
  })
  .strict();

export const setCrmAccessSchema = z
  .object({
    read_deal_fields: uniqueList(crmId('read_deal_fields'), 'read_deal_fields', 200).default([]),
    read_contact_fields: uniqueList(crmId('read_contact_fields'), 'read_contact_fields', 200).default([]),
  })
  .strict();

// ---- update rules ----

const updateRuleFields = {
  entity_type: oneOf('entity_type', ENTITY_TYPES),
  field_id: crmId('field_id'),
  condition: text('condition', 5, 2000),
  overwrite: bool('overwrite'),
};
export const createUpdateRuleSchema = z.object({ ...updateRuleFields, overwrite: updateRuleFields.overwrite.default(false) }).strict();
export const updateUpdateRuleSchema = z.object(updateRuleFields).partial().strict();
export const reorderSchema = z
  .object({ ids: uniqueList(z.uuid('ids must hold rule ids'), 'ids', 500).min(1, 'ids cannot be empty') })
  .strict();

// ---- company knowledge, sales scripts, objection responses (seed 001) ----

const knowledgeFields = { title: text('title', 1, 255), content: text('content', 1, 20_000), order_index: orderIndex };
export const createKnowledgeSchema = z.object(knowledgeFields).partial({ order_index: true }).strict();
export const updateKnowledgeSchema = z.object(knowledgeFields).partial().strict();

const scriptFields = {
  name: text('name', 1, 255),
  stage: crmId('stage').nullable(),
  script: text('script', 1, 20_000),
  order_index: orderIndex,
};
export const createScriptSchema = z.object(scriptFields).partial({ stage: true, order_index: true }).strict();
export const updateScriptSchema = z.object(scriptFields).partial().strict();

const objectionFields = {
  objection: text('objection', 1, 2000),
  response: text('response', 1, 10_000),
  order_index: orderIndex,
};
export const createObjectionSchema = z.object(objectionFields).partial({ order_index: true }).strict();
export const updateObjectionSchema = z.object(objectionFields).partial().strict();

// ---- triggers ----

/** What each trigger action needs; the runtime reads action_config in these shapes. */
export const TRIGGER_ACTION_CONFIGS = {
  update_field: z
    .object({ entity_type: oneOf('entity_type', ENTITY_TYPES), field_id: crmId('field_id'), value: optionalText('value', 2000).optional() })
    .strict(),
  send_message: z.object({ message: text('message', 1, 4000) }).strict(),
  create_task: z
    .object({ title: text('title', 1, 500), description: optionalText('description', 2000).optional(), due_in_hours: int('due_in_hours', 0, 8760).optional() })
    .strict(),
  change_stage: z.object({ pipeline_id: crmId('pipeline_id'), stage_id: crmId('stage_id') }).strict(),
  notify_manager: z.object({ message: text('message', 1, 2000) }).strict(),
  stop_agent: z.object({ reason: optionalText('reason', 500).optional() }).strict(),
} satisfies Record<TriggerActionType, z.ZodType>;

// The config is checked after the type is known, so errors name action_config.<key>.
const triggerActionSchema = z
  .object({
    action_type: oneOf('action_type', TRIGGER_ACTION_TYPES),
    action_config: z
      .record(z.string(), z.unknown(), { error: 'action_config must be an object' })
      .default({})
      .meta({
        description:
          'By action_type: update_field {entity_type, field_id, value?}; send_message {message}; ' +
          'create_task {title, description?, due_in_hours?}; change_stage {pipeline_id, stage_id}; ' +
          'notify_manager {message}; stop_agent {reason?}',
      }),
  })
  .strict()
  .transform((a, ctx) => {
    const parsed = TRIGGER_ACTION_CONFIGS[a.action_type].safeParse(a.action_config);
    if (parsed.success) return { action_type: a.action_type, action_config: parsed.data as Record<string, unknown> };
    for (const issue of parsed.error.issues) {
      // Re-raised under this path with the original issue's code and limits, so clients can word it.
      ctx.addIssue({ ...issue, path: ['action_config', ...issue.path] } as never);
    }
    return z.NEVER;
  });

const triggerFields = {
  name: text('name', 1, 255),
  is_active: bool('is_active'),
  condition: text('condition', 5, 5000),
  actions: z
    .array(triggerActionSchema, { error: 'actions must be a list' })
    .min(1, 'actions must contain at least one action')
    .max(20, 'at most 20 actions'),
  cancel_message: optionalText('cancel_message', 2000),
  run_limit: runLimit,
};
export const createTriggerSchema = z
  .object(triggerFields)
  .extend({ is_active: triggerFields.is_active.default(true), run_limit: runLimit.default(0) })
  .partial({ cancel_message: true })
  .strict();
export const updateTriggerSchema = z.object(triggerFields).partial().strict();
export type CreateTriggerInput = z.infer<typeof createTriggerSchema>;
export type UpdateTriggerInput = z.infer<typeof updateTriggerSchema>;

// ---- chains ----

const chainStepSchema = z
  .object({
    order_index: orderIndex.optional(),
    delay_value: int('delay_value', 0, 100_000),
    delay_unit: oneOf('delay_unit', DELAY_UNITS),
    actions: z
      .array(
        z.object({ action_type: oneOf('action_type', CHAIN_ACTION_TYPES), instruction: text('instruction', 1, 10_000) }).strict(),
        { error: 'actions must be a list' },
      )
      .min(1, 'a step needs at least one action')
      .max(10, 'at most 10 actions per step'),
  })
  .strict();

export const chainStepsSchema = z
  .array(chainStepSchema, { error: 'steps must be a list' })
  .min(1, 'a chain needs at least one step')
  .max(20, 'at most 20 steps')
  .superRefine((steps, ctx) => {
    const seen = new Set<number>();
    steps.forEach((s, i) => {
      if (s.order_index === undefined) return;
      if (seen.has(s.order_index)) ctx.addIssue({ code: 'custom', path: [i, 'order_index'], message: 'order_index appears twice', params: { code: 'duplicate' } });
      seen.add(s.order_index);
    });
  });

const chainFields = {
  name: text('name', 1, 255),
  is_active: bool('is_active'),
  condition_type: oneOf('condition_type', CONDITION_TYPES),
  condition_stages: uniqueList(crmId('condition_stages'), 'condition_stages', 200),
  condition_exclude: optionalText('condition_exclude', 2000),
  steps: chainStepsSchema,
  schedule: weeklyScheduleSchema.nullable(),
  run_limit: runLimit,
};

/** condition_type "specific" needs the stages it applies to. */
export function chainConditionProblem(type: string, stages: readonly string[]): Problem | null {
  return type === 'specific' && stages.length === 0
    ? { code: 'stages_required', message: 'condition_stages is required when condition_type is specific' }
    : null;
}

export const createChainSchema = z
  .object(chainFields)
  .extend({
    is_active: chainFields.is_active.default(true),
    condition_type: chainFields.condition_type.default('all'),
    condition_stages: chainFields.condition_stages.default([]),
    run_limit: runLimit.default(0),
  })
  .partial({ condition_exclude: true, schedule: true })
  .strict()
  .superRefine((c, ctx) => {
    const problem = chainConditionProblem(c.condition_type, c.condition_stages);
    if (problem) ctx.addIssue({ code: 'custom', path: ['condition_stages'], message: problem.message, params: { code: problem.code } });
  });
export const updateChainSchema = z.object(chainFields).partial().strict();
export type CreateChainInput = z.infer<typeof createChainSchema>;
export type UpdateChainInput = z.infer<typeof updateChainSchema>;
export type ChainStepInput = z.infer<typeof chainStepSchema>;
