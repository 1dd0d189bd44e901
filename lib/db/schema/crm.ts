// Drizzle mirror of supabase/migrations/20261128000100_crm.sql (the SQL is the source of truth).
// numeric columns are read as numbers (money up to 12 digits before the point is exact in a double).
import { boolean, integer, jsonb, numeric, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'boolean', 'select', 'multiselect', 'phone', 'email', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const CLIENT_CHANNEL_TYPES = ['telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'email', 'instagram'] as const;
export type ClientChannelType = (typeof CLIENT_CHANNEL_TYPES)[number];
export const CONVERSATION_CHANNEL_TYPES = [...CLIENT_CHANNEL_TYPES, 'manual', 'test'] as const;
export type ConversationChannelType = (typeof CONVERSATION_CHANNEL_TYPES)[number];
export const CONVERSATION_STATUSES = ['active', 'paused', 'closed'] as const;
export const CHANGE_SOURCES = ['user', 'agent', 'rule', 'crm_sync', 'import', 'system'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
export const MESSAGE_ROLES = ['user', 'agent', 'operator', 'system'] as const;
export const MESSAGE_STATUSES = ['received', 'draft', 'queued', 'sent', 'delivered', 'read', 'failed', 'rejected'] as const;
export const MESSAGE_CONTENT_TYPES = ['text', 'image', 'audio', 'voice', 'video', 'document', 'sticker', 'location', 'contact'] as const;

export const pipelines = pgTable('pipelines', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  isActive: boolean('is_active').notNull().default(true),
  verticalCode: varchar('vertical_code', { length: 64 }),
  orderIndex: integer('order_index').notNull().default(0),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const pipelineStages = pgTable('pipeline_stages', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  pipelineId: uuid('pipeline_id').notNull(),
  code: varchar('code', { length: 64 }).notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  color: varchar('color', { length: 20 }).notNull().default('#94a3b8'),
  kind: varchar('kind', { length: 10 }).$type<StageKind>().notNull().default('open'),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const crmFields = pgTable('crm_fields', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  entityType: varchar('entity_type', { length: 10 }).$type<'deal' | 'contact'>().notNull(),
  code: varchar('code', { length: 64 }).notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  fieldType: varchar('field_type', { length: 20 }).$type<FieldType>().notNull(),
  options: jsonb('options').$type<string[]>().notNull().default([]),
  isRequired: boolean('is_required').notNull().default(false),
  description: text('description'),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const clients = pgTable('clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  name: varchar('name', { length: 255 }).notNull().default(''),
  phone: varchar('phone', { length: 20 }),
  email: varchar('email', { length: 320 }),
  avatarUrl: text('avatar_url'),
  status: varchar('status', { length: 20 }).$type<'active' | 'inactive'>().notNull().default('active'),
  clientType: varchar('client_type', { length: 20 }).$type<'new' | 'regular' | 'inactive'>().notNull().default('new'),
  responsibleUserId: uuid('responsible_user_id'),
  language: varchar('language', { length: 10 }),
  city: varchar('city', { length: 255 }),
  customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  firstContactAt: ts('first_contact_at'),
  lastContactAt: ts('last_contact_at'),
  searchText: text('search_text').notNull().default(''),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const clientChannels = pgTable('client_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  clientId: uuid('client_id').notNull(),
  channelType: varchar('channel_type', { length: 20 }).$type<ClientChannelType>().notNull(),
  externalId: varchar('external_id', { length: 255 }).notNull(),
  username: varchar('username', { length: 255 }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const clientFacts = pgTable('client_facts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  clientId: uuid('client_id').notNull(),
  text: varchar('text', { length: 500 }).notNull(),
  source: varchar('source', { length: 20 }).$type<ChangeSource>().notNull().default('user'),
  conversationId: uuid('conversation_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const clientRelations = pgTable('client_relations', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  clientId: uuid('client_id').notNull(),
  relatedClientId: uuid('related_client_id').notNull(),
  relationType: varchar('relation_type', { length: 50 }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  clientId: uuid('client_id').notNull(),
  agentId: uuid('agent_id'),
  pipelineId: uuid('pipeline_id'),
  stageId: uuid('stage_id'),
  title: varchar('title', { length: 255 }),
  description: text('description'),
  channelType: varchar('channel_type', { length: 20 }).$type<ConversationChannelType>().notNull().default('manual'),
  channelId: varchar('channel_id', { length: 255 }),
  integrationId: uuid('integration_id'),
  crmDealId: varchar('crm_deal_id', { length: 100 }),
  crmContactId: varchar('crm_contact_id', { length: 100 }),
  status: varchar('status', { length: 20 }).$type<(typeof CONVERSATION_STATUSES)[number]>().notNull().default('active'),
  pausedBy: varchar('paused_by', { length: 20 }).$type<'human' | 'agent' | 'system' | null>(),
  pausedAt: ts('paused_at'),
  pauseReason: varchar('pause_reason', { length: 500 }),
  price: money('price'),
  currency: varchar('currency', { length: 3 }),
  tags: text('tags').array().notNull().default([]),
  responsibleUserId: uuid('responsible_user_id'),
  context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
  customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  unreadCount: integer('unread_count').notNull().default(0),
  messagesCount: integer('messages_count').notNull().default(0),
  firstMessageAt: ts('first_message_at'),
  lastMessageAt: ts('last_message_at').notNull().defaultNow(),
  stageChangedAt: ts('stage_changed_at'),
  closedAt: ts('closed_at'),
  /** Channels (issue 9): who holds it, when a paused agent resumes, the customer's last word. */
  pausedByUserId: uuid('paused_by_user_id'),
  resumeAt: ts('resume_at'),
  lastInboundAt: ts('last_inbound_at'),
  needsHumanSince: ts('needs_human_since'),
  offHoursNotifiedAt: ts('off_hours_notified_at'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export interface MessageAttachment {
  /** image | voice | audio | document | video | sticker (issue 9; older rows may lack it). */
  kind?: string;
  /** Storage key (lib/storage) of the stored file. */
  key?: string;
  duration_seconds?: number;
  url?: string;
  file_id?: string;
  name?: string;
  mime_type?: string;
  size?: number;
  transcript?: string;
}

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  conversationId: uuid('conversation_id').notNull(),
  role: varchar('role', { length: 20 }).$type<(typeof MESSAGE_ROLES)[number]>().notNull(),
  direction: varchar('direction', { length: 10 }).$type<'inbound' | 'outbound' | null>(),
  senderName: varchar('sender_name', { length: 255 }),
  senderUserId: uuid('sender_user_id'),
  content: text('content').notNull().default(''),
  contentType: varchar('content_type', { length: 20 }).$type<(typeof MESSAGE_CONTENT_TYPES)[number]>().notNull().default('text'),
  attachments: jsonb('attachments').$type<MessageAttachment[]>().notNull().default([]),
  model: varchar('model', { length: 100 }),
  tokensUsed: integer('tokens_used'),
  responseTimeMs: integer('response_time_ms'),
  kbArticlesUsed: jsonb('kb_articles_used').$type<string[]>().notNull().default([]),
  status: varchar('status', { length: 20 }).$type<(typeof MESSAGE_STATUSES)[number]>().notNull().default('received'),
  isSent: boolean('is_sent').notNull().default(false),
  requiresApproval: boolean('requires_approval').notNull().default(false),
  approvedBy: uuid('approved_by'),
  approvedAt: ts('approved_at'),
  externalMessageId: varchar('external_message_id', { length: 255 }),
  error: text('error'),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  /** Runtime (issue 8): the provider that answered, tokens, estimated cost and the turn's trace. */
  provider: varchar('provider', { length: 30 }),
  tokensIn: integer('tokens_in'),
  tokensOut: integer('tokens_out'),
  costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }),
  turn: jsonb('turn').$type<import('@/lib/runtime/types').TurnTrace | Record<string, never>>().notNull().default({}),
  /** When the channel accepted it (issue 9). */
  sentAt: ts('sent_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const crmEvents = pgTable('crm_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  eventType: varchar('event_type', { length: 50 }).notNull(),
  conversationId: uuid('conversation_id'),
  clientId: uuid('client_id'),
  messageId: uuid('message_id'),
  source: varchar('source', { length: 20 }).$type<ChangeSource>().notNull().default('user'),
  actorUserId: uuid('actor_user_id'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  text: varchar('text', { length: 2000 }).notNull(),
  dueAt: ts('due_at'),
  responsibleUserId: uuid('responsible_user_id'),
  clientId: uuid('client_id'),
  conversationId: uuid('conversation_id'),
  done: boolean('done').notNull().default(false),
  doneAt: ts('done_at'),
  source: varchar('source', { length: 20 }).$type<ChangeSource>().notNull().default('user'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const notes = pgTable('notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  text: varchar('text', { length: 10000 }).notNull(),
  clientId: uuid('client_id'),
  conversationId: uuid('conversation_id'),
  source: varchar('source', { length: 20 }).$type<ChangeSource>().notNull().default('user'),
  authorUserId: uuid('author_user_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export interface VerticalStage {
  code: string;
  name: string;
  color: string;
  kind: StageKind;
}

export const verticals = pgTable('verticals', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  code: varchar('code', { length: 64 }).notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  intents: jsonb('intents').$type<string[]>().notNull().default([]),
  stages: jsonb('stages').$type<VerticalStage[]>().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const priceListItems = pgTable('price_list_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  verticalCode: varchar('vertical_code', { length: 64 }),
  category: varchar('category', { length: 255 }).notNull(),
  devicePattern: varchar('device_pattern', { length: 255 }).notNull().default('*'),
  serviceName: varchar('service_name', { length: 255 }).notNull(),
  priceFrom: money('price_from').notNull(),
  priceTo: money('price_to'),
  currency: varchar('currency', { length: 3 }),
  durationMinutes: integer('duration_minutes'),
  isActive: boolean('is_active').notNull().default(true),
  orderIndex: integer('order_index').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
