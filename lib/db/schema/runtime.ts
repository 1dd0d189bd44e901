// Drizzle mirror of supabase/migrations/20261129000100_runtime.sql (the SQL is the source of truth).
import { integer, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** How often a trigger ran in one conversation (triggers.run_limit is per conversation). */
export const triggerRuns = pgTable(
  'trigger_runs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    triggerId: uuid('trigger_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    runsCount: integer('runs_count').notNull().default(0),
    lastRunAt: ts('last_run_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.triggerId, t.conversationId] })],
);

export const UNANSWERED_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type UnansweredStatus = (typeof UNANSWERED_STATUSES)[number];

/** Questions the agent could not answer (no relevant knowledge-base passage), grouped by key. */
export const kbUnansweredQuestions = pgTable('kb_unanswered_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  agentId: uuid('agent_id'),
  conversationId: uuid('conversation_id'),
  question: text('question').notNull(),
  questionKey: varchar('question_key', { length: 500 }).notNull(),
  source: varchar('source', { length: 20 }).$type<'channel' | 'test_chat'>().notNull().default('channel'),
  askedCount: integer('asked_count').notNull().default(1),
  firstAskedAt: ts('first_asked_at').notNull().defaultNow(),
  lastAskedAt: ts('last_asked_at').notNull().defaultNow(),
  status: varchar('status', { length: 20 }).$type<UnansweredStatus>().notNull().default('open'),
  resolvedArticleId: integer('resolved_article_id'),
  resolvedBy: uuid('resolved_by'),
  resolvedAt: ts('resolved_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A workspace's own synonyms: a customer's term and the knowledge base's words for it. */
export const kbSynonyms = pgTable('kb_synonyms', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  term: varchar('term', { length: 100 }).notNull(),
  synonyms: text('synonyms').array().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const AI_KEY_PROVIDERS = ['openai', 'openrouter', 'gemini', 'custom'] as const;
export type AiKeyProvider = (typeof AI_KEY_PROVIDERS)[number];

/** A workspace's own provider key, sealed with lib/crypto/secrets.ts (context `ai-key:<workspace>:<provider>`). */
export const workspaceAiKeys = pgTable('workspace_ai_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  provider: varchar('provider', { length: 30 }).$type<AiKeyProvider>().notNull(),
  apiKeySealed: text('api_key_sealed').notNull(),
  keyHint: varchar('key_hint', { length: 8 }).notNull(),
  baseUrl: varchar('base_url', { length: 500 }),
  /** Provider `custom` only: the model name to ask for (migration 20261129000200). */
  model: varchar('model', { length: 200 }),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
