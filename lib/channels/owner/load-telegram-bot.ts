// The workspace's Telegram bot as owner notifications use it: the telegram connection (the
// same bot customers write to) and, for a system actor, its secrets. Members get no secrets.
import { sql } from 'drizzle-orm';
import { queryRows, type Actor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { readIntegrationSecrets } from '@/lib/integrations/secrets';
import type { ChannelConnection, ChannelSecrets } from '../types';

interface Row {
  id: string;
  workspace_id: string;
  name: string | null;
  is_active: boolean;
  is_connected: boolean;
  pipeline_id: string | null;
  public_key: string | null;
  config: Record<string, unknown> | null;
}

export interface TelegramBot {
  conn: ChannelConnection;
  botUsername: string | null;
  /** Active, connected and with a known bot username: owners can link and be notified. */
  available: boolean;
}

export async function loadTelegramBot(tx: Tx, workspaceId: string): Promise<TelegramBot | null> {
  const [row] = await queryRows<Row>(
    tx,
    sql`select id, workspace_id, name, is_active, is_connected, pipeline_id, public_key, config
        from public.integrations where workspace_id = ${workspaceId}::uuid and integration_type = 'telegram'`,
  );
  if (!row) return null;
  const config = row.config ?? {};
  const botUsername = typeof config.bot_username === 'string' && config.bot_username ? config.bot_username : null;
  return {
    conn: {
      id: row.id,
      workspaceId: row.workspace_id,
      type: 'telegram',
      name: row.name,
      isActive: row.is_active,
      isConnected: row.is_connected,
      pipelineId: row.pipeline_id,
      publicKey: row.public_key,
      config,
    },
    botUsername,
    available: row.is_active && row.is_connected && !!botUsername,
  };
}

/** The bot with its secrets (bot_token ...), for a system actor of the workspace. */
export async function loadTelegramBotWithSecrets(
  tx: Tx,
  actor: Actor & { workspaceId: string },
): Promise<(TelegramBot & { secrets: ChannelSecrets }) | null> {
  const bot = await loadTelegramBot(tx, actor.workspaceId);
  if (!bot) return null;
  const secrets = await readIntegrationSecrets(tx, actor, bot.conn.id);
  if (!secrets) return null;
  return { ...bot, secrets: { ...secrets.credentials } };
}
