// Drizzle mirror of supabase/migrations/20261201000100_chains_runtime.sql (the SQL is the source of truth).
import { integer, jsonb, pgTable, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const CHAIN_RUN_STATUSES = ['running', 'completed', 'stopped'] as const;
export type ChainRunStatus = (typeof CHAIN_RUN_STATUSES)[number];
export const CHAIN_STOP_REASONS = [
  'customer_replied',
  'human_took_over',
  'conversation_closed',
  'deal_won',
  'deal_lost',
  'chain_off',
  'chain_edited_away',
  'agent_off',
  'quota_exhausted',
  'stopped_by_user',
  'failed',
] as const;
export type ChainStopReason = (typeof CHAIN_STOP_REASONS)[number];
export const CHAIN_STEP_STATUSES = ['pending', 'sent', 'drafted', 'skipped', 'failed', 'stopped'] as const;
export type ChainStepStatus = (typeof CHAIN_STEP_STATUSES)[number];

/** One run of a chain on a conversation, with the chain as it started. */
export const chainRuns = pgTable(
  'chain_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    chainId: uuid('chain_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    clientId: uuid('client_id'),
    chainVersion: integer('chain_version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    status: varchar('status', { length: 20 }).$type<ChainRunStatus>().notNull().default('running'),
    stopReason: varchar('stop_reason', { length: 40 }).$type<ChainStopReason | null>(),
    currentStep: integer('current_step').notNull().default(0),
    nextDueAt: ts('next_due_at'),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    stoppedBy: uuid('stopped_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.id, t.workspaceId)],
);

/** What one step of a run did. */
export const chainRunSteps = pgTable(
  'chain_run_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    runId: uuid('run_id').notNull(),
    stepIndex: integer('step_index').notNull(),
    dueAt: ts('due_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    status: varchar('status', { length: 20 }).$type<ChainStepStatus>().notNull().default('pending'),
    messageId: uuid('message_id'),
    actions: jsonb('actions').$type<Record<string, unknown>[]>().notNull().default([]),
    customerRepliedAt: ts('customer_replied_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.runId, t.stepIndex)],
);
