// The Integration shape of the API (docs/channels-api.md): never a secret. Rows are read with
// the columns members may see only (credentials and tokens are not even selected).
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { appUrl } from '@/lib/env';
import type { ChannelType } from '../types';

export interface IntegrationRow {
  id: string;
  workspace_id: string;
  integration_type: string;
  name: string | null;
  is_active: boolean;
  is_connected: boolean;
  pipeline_id: string | null;
  public_key: string | null;
  config: Record<string, unknown> | null;
  webhook_status: 'none' | 'set' | 'polling' | 'failed';
  last_inbound_at: Date | string | null;
  last_outbound_at: Date | string | null;
  last_error: string | null;
  last_error_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const INTEGRATION_COLUMNS = sql`id, workspace_id, integration_type, name, is_active, is_connected, pipeline_id, public_key, config,
  webhook_status, last_inbound_at, last_outbound_at, last_error, last_error_at, created_at, updated_at`;

export interface Integration {
  id: string;
  type: string;
  name: string | null;
  is_active: boolean;
  is_connected: boolean;
  pipeline_id: string | null;
  public_key: string | null;
  config: Record<string, unknown>;
  webhook_url: string | null;
  health: {
    webhook_status: IntegrationRow['webhook_status'];
    last_inbound_at: string | null;
    last_outbound_at: string | null;
    last_error: string | null;
    last_error_at: string | null;
  };
  warnings: string[];
  created_at: string;
  updated_at: string;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Config keys that may hold a secret never leave the server (verify_token is shown on purpose: it is pasted into Meta's dashboard). */
const SHOWN_DESPITE_NAME = new Set(['verify_token']);
const SECRET_KEY = /(secret|token|password|credential|private)/i;

export function publicConfig(config: Record<string, unknown> | null): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config ?? {}).filter(([k]) => SHOWN_DESPITE_NAME.has(k) || !SECRET_KEY.test(k)));
}

/** Where the provider posts updates of a connection (null: the type has none, or polling). */
export function webhookUrlOf(type: string, id: string, config: Record<string, unknown> | null): string | null {
  if (type === 'telegram' && config?.mode === 'polling') return null;
  if (type !== 'telegram' && type !== 'whatsapp') return null;
  return `${appUrl().replace(/\/+$/, '')}/api/webhooks/${type}/${id}`;
}

export function integrationWarnings(type: string, config: Record<string, unknown> | null): string[] {
  const warnings: string[] = [];
  // Webhooks are delivered to https only; an https site blocks a widget script loaded over http.
  const needsHttps = type === 'whatsapp' || type === 'web_chat' || (type === 'telegram' && config?.mode !== 'polling');
  if (needsHttps && !appUrl().startsWith('https://')) warnings.push('app_url_not_https');
  return warnings;
}

export function presentIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    type: row.integration_type,
    name: row.name,
    is_active: row.is_active,
    is_connected: row.is_connected,
    pipeline_id: row.pipeline_id,
    public_key: row.public_key,
    config: publicConfig(row.config),
    webhook_url: webhookUrlOf(row.integration_type, row.id, row.config),
    health: {
      webhook_status: row.webhook_status,
      last_inbound_at: iso(row.last_inbound_at),
      last_outbound_at: iso(row.last_outbound_at),
      last_error: row.last_error,
      last_error_at: iso(row.last_error_at),
    },
    warnings: integrationWarnings(row.integration_type, row.config),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

/** The workspace's connection of a type as its members see it (RLS applies), or null. */
export async function loadIntegrationRow(tx: Tx, workspaceId: string, type: ChannelType | string): Promise<IntegrationRow | null> {
  const [row] = await queryRows<IntegrationRow>(
    tx,
    sql`select ${INTEGRATION_COLUMNS} from public.integrations where workspace_id = ${workspaceId}::uuid and integration_type = ${type}`,
  );
  return row ?? null;
}

export async function loadIntegrationRowById(tx: Tx, workspaceId: string, id: string): Promise<IntegrationRow | null> {
  const [row] = await queryRows<IntegrationRow>(
    tx,
    sql`select ${INTEGRATION_COLUMNS} from public.integrations where workspace_id = ${workspaceId}::uuid and id = ${id}::uuid`,
  );
  return row ?? null;
}
