// Creates a client: phone in E.164 (the workspace's region), email lower-cased, custom fields
// checked, channels attached; same phone → 409 client_exists, a taken channel → 409 channel_taken.
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientChannels, clients } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { checkCustomFields, loadFieldDefinitions } from '@/lib/crm/custom-fields';
import { assertChannelsFree, assertMember, assertPhoneFree, buildSearchText, channelsOf, checkEmail, checkPhone } from './client-store';
import { reloadCard } from './get-client';
import { createClientSchema } from './schemas';

export async function createClient(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = createClientSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const region = await workspaceRegion(tx, ws);
    const phone = checkPhone(input.phone, region) ?? null;
    const email = checkEmail(input.email) ?? null;
    const channels = channelsOf(input);
    const customFields = checkCustomFields(await loadFieldDefinitions(tx, ws, 'contact'), input.custom_fields, { region, requireAll: true });
    await assertMember(tx, ws, input.responsible_user_id);
    await assertPhoneFree(tx, ws, phone);
    await assertChannelsFree(tx, ws, channels);
    const [row] = await tx
      .insert(clients)
      .values({
        workspaceId: ws,
        name: input.name,
        phone,
        email,
        status: input.status ?? 'active',
        clientType: input.type ?? 'new',
        responsibleUserId: input.responsible_user_id ?? null,
        city: input.city ?? null,
        language: input.language ?? null,
        avatarUrl: input.avatar_url ?? null,
        customFields,
        searchText: buildSearchText({ name: input.name, phone, email }, channels.map((c) => ({ externalId: c.external_id, username: c.username }))),
        createdBy: actorUserId(actor),
      })
      .returning();
    if (channels.length) {
      await tx.insert(clientChannels).values(
        channels.map((c) => ({ workspaceId: ws, clientId: row.id, channelType: c.channel_type, externalId: c.external_id, username: c.username ?? null })),
      );
    }
    await recordEvent(tx, actor, { type: 'client_created', clientId: row.id, payload: { name: row.name } });
    await recordAudit(tx, actor, {
      action: 'create_client',
      entityType: 'client',
      entityId: row.id,
      newValues: { name: row.name, phone, email, status: row.status, type: row.clientType, city: row.city, custom_fields: customFields, channels },
    });
    return reloadCard(tx, ws, row.id);
  });
}
