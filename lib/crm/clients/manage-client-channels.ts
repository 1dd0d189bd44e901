// A client's channel ids (telegram, whatsapp, vk, avito, web chat, email, instagram). One id
// belongs to at most one client of the workspace: 409 channel_taken names the owner.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientChannels, clients } from '@/lib/db/schema/crm';
import { recordChange } from '@/lib/crm/record-event';
import { assertChannelsFree, refreshSearchText, requireClient, type ChannelRow } from './client-store';
import { channelInputSchema } from './schemas';

export const presentChannel = (c: ChannelRow) => ({ id: c.id, channel_type: c.channelType, external_id: c.externalId, username: c.username });

export async function addClientChannel(actor: WorkspaceActor, clientId: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = channelInputSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireClient(tx, ws, clientId, true);
    await assertChannelsFree(tx, ws, [input]);
    const [row] = await tx
      .insert(clientChannels)
      .values({ workspaceId: ws, clientId, channelType: input.channel_type, externalId: input.external_id, username: input.username ?? null })
      .returning();
    await refreshSearchText(tx, ws, clientId);
    await tx.update(clients).set({ version: sql`${clients.version} + 1`, updatedAt: sql`now()` }).where(and(eq(clients.id, clientId), eq(clients.workspaceId, ws)));
    await recordChange(tx, actor, { type: 'client_updated', clientId, field: `channels.${input.channel_type}`, oldValue: null, newValue: input.external_id });
    await recordAudit(tx, actor, { action: 'add_client_channel', entityType: 'client', entityId: clientId, newValues: presentChannel(row) });
    return presentChannel(row);
  });
}

export async function deleteClientChannel(actor: WorkspaceActor, clientId: string, channelId: string) {
  assertCan(actor, 'crm.write');
  await withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireClient(tx, ws, clientId, true);
    const [row] = await tx
      .delete(clientChannels)
      .where(and(eq(clientChannels.id, channelId), eq(clientChannels.clientId, clientId), eq(clientChannels.workspaceId, ws)))
      .returning();
    if (!row) throw notFound('Channel');
    await refreshSearchText(tx, ws, clientId);
    await tx.update(clients).set({ version: sql`${clients.version} + 1`, updatedAt: sql`now()` }).where(and(eq(clients.id, clientId), eq(clients.workspaceId, ws)));
    await recordChange(tx, actor, { type: 'client_updated', clientId, field: `channels.${row.channelType}`, oldValue: row.externalId, newValue: null });
    await recordAudit(tx, actor, { action: 'delete_client_channel', entityType: 'client', entityId: clientId, oldValues: presentChannel(row) });
  });
}
