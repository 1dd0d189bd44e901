// Drizzle mirror of supabase/migrations/20261130000100_channels.sql (the SQL is the source of truth).
import { bigint, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const CHANNEL_UPDATE_STATES = ['pending', 'processed', 'ignored', 'failed'] as const;
export type ChannelUpdateState = (typeof CHANNEL_UPDATE_STATES)[number];

/** A provider's raw inbound update, stored once per (connection, provider id). */
export const channelUpdates = pgTable(
  'channel_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    integrationId: uuid('integration_id').notNull(),
    updateKey: varchar('update_key', { length: 255 }).notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    state: varchar('state', { length: 20 }).$type<ChannelUpdateState>().notNull().default('pending'),
    error: text('error'),
    messageId: uuid('message_id'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [unique().on(t.integrationId, t.updateKey)],
);

export const SUGGESTION_TYPES = ['quick_reply', 'price_suggestion', 'schedule_slot'] as const;
export type SuggestionType = (typeof SUGGESTION_TYPES)[number];
export const SUGGESTION_ACTIONS = ['send_message', 'update_context'] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];
export const SUGGESTION_STATUSES = ['pending', 'applied', 'dismissed', 'expired'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** AI suggestions for operators (seed 004 elo_ai_suggestions). */
export const aiSuggestions = pgTable('ai_suggestions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  conversationId: uuid('conversation_id').notNull(),
  messageId: uuid('message_id'),
  suggestionType: varchar('suggestion_type', { length: 30 }).$type<SuggestionType>().notNull(),
  content: text('content').notNull(),
  confidence: numeric('confidence', { precision: 3, scale: 2, mode: 'number' }).notNull().default(0.5),
  action: varchar('action', { length: 30 }).$type<SuggestionAction>().notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  status: varchar('status', { length: 20 }).$type<SuggestionStatus>().notNull().default('pending'),
  dismissReason: varchar('dismiss_reason', { length: 500 }),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  resultMessageId: uuid('result_message_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A member's Telegram chat for owner notifications, linked by a one-time code. */
export const telegramOwnerLinks = pgTable(
  'telegram_owner_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    codeHash: varchar('code_hash', { length: 64 }).unique(),
    codeExpiresAt: ts('code_expires_at'),
    chatId: varchar('chat_id', { length: 64 }),
    chatUsername: varchar('chat_username', { length: 255 }),
    linkedAt: ts('linked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.workspaceId, t.userId)],
);

export const realtimeCursors = pgTable('realtime_cursors', {
  workspaceId: uuid('workspace_id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
});

/** The append-only realtime log; written only by app.publish_realtime (triggers and code). */
export const realtimeEvents = pgTable(
  'realtime_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventType: varchar('event_type', { length: 50 }).notNull(),
    conversationId: uuid('conversation_id'),
    userId: uuid('user_id'),
    permission: varchar('permission', { length: 50 }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.seq] })],
);
