// Edits a client based on the version the caller read (stale → 409 with the current card).
// Each changed field is a `client_updated` timeline event; `channels`, when given, replaces the set.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientChannels, clients } from '@/lib/db/schema/crm';
import { recordChange } from '@/lib/crm/record-event';
import { staleVersion } from '@/lib/crm/check-version';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { checkCustomFields, loadFieldDefinitions } from '@/lib/crm/custom-fields';
import {
  assertChannelsFree, assertMember, assertPhoneFree, channelsOf, channelsOfClients, checkEmail, checkPhone, refreshSearchText, requireClient,
} from './client-store';
import { loadClientCard, reloadCard } from './get-client';
import { invalidField, updateClientSchema } from './schemas';

export async function updateClient(actor: WorkspaceActor, id: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = updateClientSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const before = await requireClient(tx, ws, id, true);
    if (before.version !== input.version) throw staleVersion('Client', await loadClientCard(tx, ws, before));
    const region = await workspaceRegion(tx, ws);
    const phone = checkPhone(input.phone, region);
    const email = checkEmail(input.email);
    if (input.name !== undefined && !input.name) throw invalidField('name', 'name cannot be empty', 'too_small');
    await assertMember(tx, ws, input.responsible_user_id);
    if (phone) await assertPhoneFree(tx, ws, phone, id);
    const customFields =
      input.custom_fields !== undefined
        ? checkCustomFields(await loadFieldDefinitions(tx, ws, 'contact'), input.custom_fields, { region, existing: before.customFields, requireAll: true })
        : undefined;

    const patch = {
      name: input.name,
      phone,
      email,
      status: input.status,
      clientType: input.type,
      responsibleUserId: input.responsible_user_id,
      city: input.city,
      language: input.language,
      avatarUrl: input.avatar_url,
      customFields,
    };
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [row] = await tx
      .update(clients)
      .set({ ...set, version: sql`${clients.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(clients.id, id), eq(clients.workspaceId, ws), eq(clients.version, input.version)))
      .returning();

    // Channels: the given list replaces the client's set.
    const wanted = input.channels !== undefined || input.telegram_id || input.whatsapp_id ? channelsOf(input) : undefined;
    const oldChannels = await channelsOfClients(tx, [id]);
    if (wanted) {
      const key = (t: string, e: string) => `${t}:${e}`;
      const keep = new Set(wanted.map((c) => key(c.channel_type, c.external_id)));
      const have = new Set(oldChannels.map((c) => key(c.channelType, c.externalId)));
      const added = wanted.filter((c) => !have.has(key(c.channel_type, c.external_id)));
      await assertChannelsFree(tx, ws, added, id);
      if (input.channels !== undefined) {
        for (const c of oldChannels.filter((c) => !keep.has(key(c.channelType, c.externalId)))) {
          await tx.delete(clientChannels).where(and(eq(clientChannels.id, c.id), eq(clientChannels.workspaceId, ws)));
        }
      }
      if (added.length) {
        await tx.insert(clientChannels).values(added.map((c) => ({ workspaceId: ws, clientId: id, channelType: c.channel_type, externalId: c.external_id, username: c.username ?? null })));
      }
    }
    await refreshSearchText(tx, ws, id);

    const changes: [string, unknown, unknown][] = [
      ['name', before.name, row.name],
      ['phone', before.phone, row.phone],
      ['email', before.email, row.email],
      ['status', before.status, row.status],
      ['type', before.clientType, row.clientType],
      ['responsible_user_id', before.responsibleUserId, row.responsibleUserId],
      ['city', before.city, row.city],
      ['language', before.language, row.language],
      ['avatar_url', before.avatarUrl, row.avatarUrl],
    ];
    const codes = new Set([...Object.keys(before.customFields), ...Object.keys(row.customFields)]);
    for (const code of codes) changes.push([`custom_fields.${code}`, before.customFields[code], row.customFields[code]]);
    if (wanted) {
      const after = await channelsOfClients(tx, [id]);
      const fmt = (list: typeof after) => list.map((c) => `${c.channelType}:${c.externalId}`).sort();
      changes.push(['channels', fmt(oldChannels), fmt(after)]);
    }
    const oldValues: Record<string, unknown> = {};
    const newValues: Record<string, unknown> = {};
    for (const [field, oldValue, newValue] of changes) {
      const ev = await recordChange(tx, actor, { type: 'client_updated', clientId: id, field, oldValue, newValue });
      if (ev) {
        oldValues[field] = oldValue ?? null;
        newValues[field] = newValue ?? null;
      }
    }
    if (Object.keys(newValues).length) {
      await recordAudit(tx, actor, { action: 'update_client', entityType: 'client', entityId: id, oldValues, newValues });
    }
    return reloadCard(tx, ws, id);
  });
}
