// Drizzle mirror of supabase/migrations/20261127000510_integrations_webhooks.sql.
// access_token, refresh_token and credentials hold lib/crypto ciphertexts only.
import { boolean, index, jsonb, pgTable, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { workspaces } from './core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const integrations = pgTable(
  'integrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    integrationType: varchar('integration_type', { length: 50 }).notNull(),
    isActive: boolean('is_active').notNull().default(false),
    isConnected: boolean('is_connected').notNull().default(false),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    tokenExpiresAt: ts('token_expires_at'),
    credentials: text('credentials'),
    config: jsonb('config').notNull().default({}).$type<Record<string, unknown>>(),
    /** Channels (issue 9): display name, pipeline new conversations start in, widget key, health. */
    name: varchar('name', { length: 255 }),
    pipelineId: uuid('pipeline_id'),
    publicKey: varchar('public_key', { length: 64 }).unique(),
    webhookStatus: varchar('webhook_status', { length: 20 }).$type<'none' | 'set' | 'polling' | 'failed'>().notNull().default('none'),
    lastInboundAt: ts('last_inbound_at'),
    lastOutboundAt: ts('last_outbound_at'),
    lastError: text('last_error'),
    lastErrorAt: ts('last_error_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.workspaceId, t.integrationType), index('integrations_type_idx').on(t.integrationType)],
);
