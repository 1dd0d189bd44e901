// A channel connection and its decrypted secrets, for the channel path (system actors only:
// secrets are never read for a member). Pure database reads: call inside the caller's
// transaction, then make network calls after it.
import { sql } from 'drizzle-orm';
import { queryRows, withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { readIntegrationSecrets } from '@/lib/integrations/secrets';
import type { SystemActor } from '@/lib/jobs/jobs-tx';
import { CHANNEL_TYPES, type ChannelConnection, type ChannelSecrets, type ChannelType } from '../types';

export interface LoadedConnection {
  conn: ChannelConnection;
  secrets: ChannelSecrets;
}

interface Row {
  id: string;
  workspace_id: string;
  integration_type: string;
  name: string | null;
  is_active: boolean;
  is_connected: boolean;
  pipeline_id: string | null;
  public_key: string | null;
  config: Record<string, unknown> | null;
}

const COLUMNS = sql`id, workspace_id, integration_type, name, is_active, is_connected, pipeline_id, public_key, config`;

export function toChannelConnection(row: Row): ChannelConnection {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    type: row.integration_type as ChannelType,
    name: row.name,
    isActive: row.is_active,
    isConnected: row.is_connected,
    pipelineId: row.pipeline_id,
    publicKey: row.public_key,
    config: row.config ?? {},
  };
}

async function withSecrets(tx: Tx, actor: SystemActor, row: Row | undefined): Promise<LoadedConnection | null> {
  if (!row || !(CHANNEL_TYPES as readonly string[]).includes(row.integration_type)) return null;
  const s = await readIntegrationSecrets(tx, actor, row.id);
  const secrets: ChannelSecrets = { ...(s?.credentials ?? {}) };
  if (s?.accessToken && secrets.access_token === undefined) secrets.access_token = s.accessToken;
  if (s?.refreshToken && secrets.refresh_token === undefined) secrets.refresh_token = s.refreshToken;
  return { conn: toChannelConnection(row), secrets };
}

/** The channel connection `id` of the actor's workspace with its secrets, or null. */
export async function loadConnection(tx: Tx, actor: SystemActor, id: string): Promise<LoadedConnection | null> {
  return withActor(actor, async (t) => {
    const [row] = await queryRows<Row>(
      t,
      sql`select ${COLUMNS} from public.integrations where id = ${id}::uuid and workspace_id = ${actor.workspaceId}::uuid`,
    );
    return withSecrets(t, actor, row);
  });
}

/** The actor's workspace's connection of a channel type (one per type) with its secrets, or null. */
export async function loadConnectionOfType(tx: Tx, actor: SystemActor, type: ChannelType): Promise<LoadedConnection | null> {
  return withActor(actor, async (t) => {
    const [row] = await queryRows<Row>(
      t,
      sql`select ${COLUMNS} from public.integrations where integration_type = ${type} and workspace_id = ${actor.workspaceId}::uuid`,
    );
    return withSecrets(t, actor, row);
  });
}
