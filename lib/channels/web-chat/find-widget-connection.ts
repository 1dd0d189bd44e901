// Widget key -> its connection, through the one function the app_webhooks role may run
// (app.widget_connection): a public request has no user, so this narrow lookup names the
// workspace, and everything after runs as that workspace's `channels` system actor.
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { readWebChatConfig, type WebChatConfig } from './widget-config';

export interface WidgetConnection {
  id: string;
  workspaceId: string;
  isActive: boolean;
  config: WebChatConfig;
}

const KEY = /^wk_[A-Za-z0-9_-]{16,60}$/;

export async function findWidgetConnection(key: string): Promise<WidgetConnection | null> {
  if (!KEY.test(key)) return null;
  const db = await getDb();
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local role app_webhooks`);
    const res = (await tx.execute(
      sql`select id, workspace_id, is_active, config from app.widget_connection(${key})`,
    )) as unknown as { rows: { id: string; workspace_id: string; is_active: boolean; config: Record<string, unknown> | string }[] };
    return res.rows;
  });
  const row = rows[0];
  if (!row) return null;
  const config = typeof row.config === 'string' ? (JSON.parse(row.config) as Record<string, unknown>) : row.config;
  return { id: row.id, workspaceId: row.workspace_id, isActive: row.is_active, config: readWebChatConfig(config) };
}
