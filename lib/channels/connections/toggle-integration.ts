// Switching a connection on or off (integrations.write). Off: its webhook answers 410 and
// nothing is sent through it; polling stops. The provider side stays as it is.
import { sql } from 'drizzle-orm';
import { afterCommit, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { forgetWebhookConnection } from '@/lib/integrations/webhook-connections';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import type { ChannelType } from '../types';
import { loadIntegrationRow, presentIntegration, type Integration } from './present-integration';
import { toggleIntegrationSchema } from './schemas';

export async function toggleIntegration(actor: WorkspaceActor, type: ChannelType, raw: unknown): Promise<Integration> {
  assertCan(actor, 'integrations.write');
  const input = toggleIntegrationSchema.parse(raw);
  const result = await withActor(actor, async (tx) => {
    const before = await loadIntegrationRow(tx, actor.workspaceId, type);
    if (!before) throw notFound('Integration');
    if (before.is_active === input.is_active) return presentIntegration(before);
    await tx.execute(sql`update public.integrations set is_active = ${input.is_active}, updated_at = now() where id = ${before.id}::uuid`);
    await afterCommit(() => forgetWebhookConnection(before.id));
    await recordAudit(tx, actor, {
      action: input.is_active ? 'enable_integration' : 'disable_integration',
      entityType: 'integration',
      entityId: before.id,
      oldValues: { is_active: before.is_active },
      newValues: { is_active: input.is_active, type },
    });
    return presentIntegration((await loadIntegrationRow(tx, actor.workspaceId, type))!);
  });
  if (type === 'telegram') {
    const { refreshTelegramPolling } = await import('../telegram/poll-updates');
    refreshTelegramPolling();
  }
  return result;
}
