// Drizzle mirrors of supabase/migrations/20261124000010_agents.sql (the SQL is the source of truth).
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface ScheduleDay {
  day: string;
  enabled: boolean;
  start: string;
  end: string;
}

export const agents = pgTable('agents', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  isActive: boolean('is_active').notNull().default(false),
  model: varchar('model', { length: 100 }).notNull(),
  systemInstructions: text('system_instructions').notNull(),
  checkBeforeSend: boolean('check_before_send').notNull().default(false),
  /** Answers with the best knowledge-base passage (cited) instead of a model (issue 8). */
  kbOnly: boolean('kb_only').notNull().default(false),
  autoDetectLanguage: boolean('auto_detect_language').notNull().default(false),
  responseLanguage: varchar('response_language', { length: 10 }),
  creativityLevel: varchar('creativity_level', { length: 20 }).notNull().default('balanced'),
  responseDelaySeconds: integer('response_delay_seconds').notNull().default(45),
  scheduleEnabled: boolean('schedule_enabled').notNull().default(false),
  workingSchedule: jsonb('working_schedule').$type<ScheduleDay[] | null>(),
  /** Sent once per closed period outside working hours; null = wait silently (issue 9). */
  offHoursMessage: text('off_hours_message'),
  totalMessages: integer('total_messages').notNull().default(0),
  totalConversations: integer('total_conversations').notNull().default(0),
  averageResponseTime: integer('average_response_time'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const agentPipelines = pgTable('agent_pipelines', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  pipelineId: varchar('pipeline_id', { length: 100 }).notNull(),
  pipelineName: varchar('pipeline_name', { length: 255 }).notNull(),
  isActive: boolean('is_active').notNull().default(false),
  allStages: boolean('all_stages').notNull().default(false),
  stages: jsonb('stages').$type<string[]>().notNull().default([]),
  stageInstructions: jsonb('stage_instructions').$type<Record<string, string>>().notNull().default({}),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const agentChannels = pgTable('agent_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  allChannels: boolean('all_channels').notNull().default(false),
  channels: jsonb('channels').$type<string[]>().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const agentKnowledgeBase = pgTable('agent_knowledge_base', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  allCategories: boolean('all_categories').notNull().default(false),
  selectedCategories: jsonb('selected_categories').$type<string[]>().notNull().default([]),
  createTaskIfNoAnswer: boolean('create_task_if_no_answer').notNull().default(false),
  noAnswerMessage: text('no_answer_message'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const agentCrmAccess = pgTable('agent_crm_access', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  readDealFields: jsonb('read_deal_fields').$type<string[]>().notNull().default([]),
  readContactFields: jsonb('read_contact_fields').$type<string[]>().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const agentUpdateRules = pgTable('agent_update_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  entityType: varchar('entity_type', { length: 50 }).notNull(),
  fieldId: varchar('field_id', { length: 100 }).notNull(),
  condition: text('condition').notNull(),
  overwrite: boolean('overwrite').notNull().default(false),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const triggers = pgTable('triggers', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  isActive: boolean('is_active').notNull().default(true),
  condition: text('condition').notNull(),
  cancelMessage: text('cancel_message'),
  runLimit: integer('run_limit').notNull().default(0),
  runsCount: integer('runs_count').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const triggerActions = pgTable('trigger_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  triggerId: uuid('trigger_id').notNull(),
  actionType: varchar('action_type', { length: 100 }).notNull(),
  actionConfig: jsonb('action_config').$type<Record<string, unknown>>().notNull().default({}),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const chains = pgTable('chains', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  isActive: boolean('is_active').notNull().default(true),
  conditionType: varchar('condition_type', { length: 20 }).notNull().default('all'),
  conditionStages: jsonb('condition_stages').$type<string[]>().notNull().default([]),
  conditionExclude: text('condition_exclude'),
  runLimit: integer('run_limit').notNull().default(0),
  runsCount: integer('runs_count').notNull().default(0),
  schedule: jsonb('schedule').$type<ScheduleDay[] | null>(),
  /** Bumped by every edit of the chain, its steps or actions; a run keeps the one it started with. */
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const chainSteps = pgTable('chain_steps', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  chainId: uuid('chain_id').notNull(),
  orderIndex: integer('order_index').notNull(),
  delayValue: integer('delay_value').notNull(),
  delayUnit: varchar('delay_unit', { length: 20 }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const chainStepActions = pgTable('chain_step_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  stepId: uuid('step_id').notNull(),
  actionType: varchar('action_type', { length: 100 }).notNull(),
  instruction: text('instruction'),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const companyKnowledge = pgTable('company_knowledge', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  title: varchar('title', { length: 255 }).notNull(),
  content: text('content').notNull(),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const salesScripts = pgTable('sales_scripts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  stage: varchar('stage', { length: 100 }),
  script: text('script').notNull(),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const objectionResponses = pgTable('objection_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id').notNull(),
  objection: text('objection').notNull(),
  response: text('response').notNull(),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
