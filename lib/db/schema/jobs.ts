import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { workspaces } from './core';

export const eventOutbox = pgTable('event_outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
  name: varchar('name', { length: 200 }).notNull(),
  data: jsonb('data').notNull().$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  attempts: integer('attempts').notNull().default(0),
  claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
  lastError: text('last_error'),
  /** pending -> sent, or dead after too many failed deliveries. */
  state: varchar('state', { length: 20 }).notNull().default('pending').$type<'pending' | 'sent' | 'dead'>(),
  deadAt: timestamp('dead_at', { withTimezone: true, mode: 'date' }),
});

export type DueWorkState = 'pending' | 'running' | 'done' | 'cancelled' | 'dead';

/** Every pending wait of the runtime: claimed by one runner when due (lib/jobs/due-work). */
export const dueWork = pgTable(
  'due_work',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 100 }).notNull(),
    subject: varchar('subject', { length: 255 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    payload: jsonb('payload').notNull().default({}).$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    state: varchar('state', { length: 20 }).notNull().default('pending').$type<DueWorkState>(),
    lastError: text('last_error'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('due_work_pending_subject_idx').on(t.workspaceId, t.kind, t.subject).where(sql`state = 'pending'`),
    index('due_work_due_idx').on(t.dueAt).where(sql`state = 'pending'`),
  ],
);

/** The installation's scheduled work (weekly clean-up, embeddings refresh): schedule and record in one row. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: varchar('name', { length: 100 }).primaryKey(),
  schedule: varchar('schedule', { length: 100 }).notNull(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true, mode: 'date' }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true, mode: 'date' }),
  lastStatus: varchar('last_status', { length: 20 }).$type<'ok' | 'skipped' | 'failed'>(),
  lastResult: jsonb('last_result').$type<Record<string, unknown>>(),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
  failures: integer('failures').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
