// Disconnecting a channel (integrations.write): the provider side is undone best effort
// (Telegram: deleteWebhook) outside any transaction, then the row and its secrets go;
// conversations keep their history (integration_id set null), raw updates go with the row.
import { sql } from 'drizzle-orm';
import { afterCommit, systemActor, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { forgetWebhookConnection } from '@/lib/integrations/webhook-connections';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { logger } from '@/lib/log/logger';
import { channelAdapter } from '../registry';
import { CHANNELS_ACTOR, type ChannelType } from '../types';
import { loadConnection } from './load-connection';
import { loadIntegrationRow, presentIntegration } from './present-integration';

export async function disconnectIntegration(actor: WorkspaceActor, type: ChannelType): Promise<{ disconnected: true }> {
  assertCan(actor, 'integrations.write');
  const row = await withActor(actor, (tx) => loadIntegrationRow(tx, actor.workspaceId, type));
  if (!row) throw notFound('Integration');
  const system = systemActor(CHANNELS_ACTOR, actor.workspaceId, actor.requestId);
  const loaded = await withActor(system, (tx) => loadConnection(tx, system, row.id));
  const adapter = await channelAdapter(type);
  if (loaded && adapter.disconnect) {
    try {
      await adapter.disconnect(loaded.conn, loaded.secrets);
    } catch (err) {
      logger.warn({ integration_id: row.id, type, err: err instanceof Error ? err.message : String(err) }, 'provider disconnect failed; removing the connection anyway');
    }
  }
  await withActor(actor, async (tx) => {
    await tx.execute(sql`delete from public.integrations where id = ${row.id}::uuid and workspace_id = ${actor.workspaceId}::uuid`);
    await afterCommit(() => forgetWebhookConnection(row.id));
    await recordAudit(tx, actor, { action: 'disconnect_integration', entityType: 'integration', entityId: row.id, oldValues: presentIntegration(row) });
  });
  if (type === 'telegram') {
    const { refreshTelegramPolling } = await import('../telegram/poll-updates');
    refreshTelegramPolling();
  }
  return { disconnected: true };
}
