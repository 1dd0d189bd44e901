// Drizzle mirrors of the tables in supabase/migrations (the SQL files are the source of truth).
import { sql } from 'drizzle-orm';
import { boolean, date, inet, integer, jsonb, pgSchema, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: varchar('email', { length: 255 }).notNull(),
  fullName: varchar('full_name', { length: 255 }),
  avatarUrl: text('avatar_url'),
  theme: varchar('theme', { length: 20 }).notNull().default('system'),
  locale: varchar('locale', { length: 10 }).notNull().default('ru'),
  lastWorkspaceId: uuid('last_workspace_id'),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// Credentials apart from the profile: only the auth role (app_auth) reads or writes them.
export const userCredentials = pgTable('user_credentials', {
  userId: uuid('user_id').primaryKey(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: varchar('name', { length: 255 }).notNull(),
  companyLogoUrl: text('company_logo_url'),
  subscriptionPlan: varchar('subscription_plan', { length: 50 }).notNull().default('trial'),
  subscriptionStatus: varchar('subscription_status', { length: 50 }).notNull().default('active'),
  subscriptionExpiresAt: ts('subscription_expires_at'),
  trialEndsAt: ts('trial_ends_at'),
  aiResponsesUsed: integer('ai_responses_used').notNull().default(0),
  aiResponsesLimit: integer('ai_responses_limit').notNull().default(500),
  stopOnHumanReply: boolean('stop_on_human_reply').notNull().default(false),
  autoResumeAfter: integer('auto_resume_after').notNull().default(30),
  autoResumeUnit: varchar('auto_resume_unit', { length: 20 }).notNull().default('дней'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** URL segment of the dashboard (/w/<slug>/...); set by a trigger from name and id when omitted. */
  slug: varchar('slug', { length: 63 }).notNull().$default(() => sql`default`),
  /** IANA zone every displayed time of this workspace is shown in. */
  timeZone: text('time_zone').notNull().default('Asia/Almaty'),
  /** Set when the owner was told the AI quota ran out; cleared by the next counted response. */
  quotaNotifiedAt: ts('quota_notified_at'),
});

export const memberships = pgTable('memberships', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  userId: uuid('user_id').notNull(),
  role: varchar('role', { length: 20 }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  email: varchar('email', { length: 255 }).notNull(),
  role: varchar('role', { length: 20 }).notNull(),
  tokenHash: varchar('token_hash', { length: 128 }).notNull(),
  invitedBy: uuid('invited_by'),
  expiresAt: ts('expires_at').notNull(),
  acceptedAt: ts('accepted_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const refreshTokens = pgTable('refresh_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  familyId: uuid('family_id').notNull(),
  tokenHash: varchar('token_hash', { length: 128 }).notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  revokedAt: ts('revoked_at'),
  ipAddress: inet('ip_address'),
  userAgent: text('user_agent'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The successor, sealed under a key derived from this token; kept only for the grace window. */
  successorSealed: text('successor_sealed'),
});

export const passwordResetTokens = pgTable('password_reset_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  tokenHash: varchar('token_hash', { length: 128 }).notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const auditLog = pgTable('audit_log', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id'),
  userId: uuid('user_id'),
  actor: varchar('actor', { length: 100 }),
  action: varchar('action', { length: 100 }).notNull(),
  entityType: varchar('entity_type', { length: 50 }).notNull(),
  entityId: varchar('entity_id', { length: 100 }),
  oldValues: jsonb('old_values'),
  newValues: jsonb('new_values'),
  ipAddress: inet('ip_address'),
  userAgent: text('user_agent'),
  requestId: varchar('request_id', { length: 100 }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  userId: uuid('user_id'),
  type: varchar('type', { length: 50 }).notNull(),
  title: varchar('title', { length: 255 }).notNull(),
  description: text('description'),
  actionText: varchar('action_text', { length: 100 }),
  actionUrl: varchar('action_url', { length: 500 }),
  /** Parameters of the message ({agent, conversation_id, …}) for rendering in the reader's language. */
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  isRead: boolean('is_read').notNull().default(false),
  readAt: ts('read_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const usageStatistics = pgTable('usage_statistics', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  date: date('date').notNull(),
  messagesSent: integer('messages_sent').notNull().default(0),
  messagesReceived: integer('messages_received').notNull().default(0),
  aiResponsesCount: integer('ai_responses_count').notNull().default(0),
  tokensUsed: integer('tokens_used').notNull().default(0),
  newConversations: integer('new_conversations').notNull().default(0),
  activeConversations: integer('active_conversations').notNull().default(0),
  closedConversations: integer('closed_conversations').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const appSchema = pgSchema('app');
