// The client and the open deal behind a channel identity (a Telegram chat, a WhatsApp number
// ...). A channel id belongs to at most one client: the unique (workspace, type, external id)
// decides between two calls racing for the same identity, the loser rolls back its attempt
// (a savepoint) and takes the winner's client. A client with no open deal gets one in the
// default pipeline's first stage; the client row is locked while that is decided.
import { and, asc, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/lib/db/client';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { CLIENT_CHANNEL_TYPES, clientChannels, clients, conversations, pipelineStages, pipelines } from '@/lib/db/schema/crm';
import { normalizePhone } from '@/lib/crm/normalize-phone';
import { recordEvent } from '@/lib/crm/record-event';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import type { ChannelIdentity, CrmClientRef, CrmDealRef } from '@/lib/crm/adapter';
import { buildSearchText, refreshSearchText } from '@/lib/crm/clients/client-store';
import { dealRef } from './change-stage';

export const channelIdentitySchema = z.object({
  channel_type: z.enum(CLIENT_CHANNEL_TYPES),
  external_id: z.string().trim().min(1, 'external_id is required').max(255),
  name: z.string().trim().max(255).nullish(),
  phone: z.string().trim().max(50).nullish(),
  username: z.string().trim().max(255).nullish(),
});

class LostRace extends Error {}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e?.code ?? e?.cause?.code) === '23505';
}

async function clientOfChannel(tx: Tx, ws: string, type: string, externalId: string) {
  const [row] = await tx
    .select({ client: clients })
    .from(clientChannels)
    .innerJoin(clients, and(eq(clients.id, clientChannels.clientId), eq(clients.workspaceId, clientChannels.workspaceId)))
    .where(and(eq(clientChannels.workspaceId, ws), eq(clientChannels.channelType, type as ChannelIdentity['channel_type']), eq(clientChannels.externalId, externalId)));
  return row?.client;
}

/** `pipelineId`: where a new deal starts (a channel connection bound to a pipeline); else the default. */
export interface FindOrCreateOptions {
  pipelineId?: string | null;
}

async function ensureOpenDeal(
  tx: Tx,
  actor: WorkspaceActor,
  client: typeof clients.$inferSelect,
  identity: ChannelIdentity,
  opts: FindOrCreateOptions = {},
): Promise<CrmDealRef> {
  const ws = actor.workspaceId;
  // Two first messages at once must not open two deals: hold the client while deciding.
  await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.id, client.id), eq(clients.workspaceId, ws))).for('update');
  const [open] = await tx
    .select({ deal: conversations })
    .from(conversations)
    .leftJoin(pipelineStages, and(eq(pipelineStages.id, conversations.stageId), eq(pipelineStages.workspaceId, conversations.workspaceId)))
    .where(
      and(
        eq(conversations.workspaceId, ws),
        eq(conversations.clientId, client.id),
        ne(conversations.status, 'closed'),
        or(isNull(pipelineStages.kind), eq(pipelineStages.kind, 'open')),
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(1);
  if (open) return dealRef(open.deal);
  const [pipeline] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, ws), eq(pipelines.isActive, true)))
    .orderBy(...(opts.pipelineId ? [desc(eq(pipelines.id, opts.pipelineId))] : []), desc(pipelines.isDefault), asc(pipelines.orderIndex), asc(pipelines.createdAt))
    .limit(1);
  const [stage] = pipeline
    ? await tx
        .select({ id: pipelineStages.id })
        .from(pipelineStages)
        .where(and(eq(pipelineStages.pipelineId, pipeline.id), eq(pipelineStages.workspaceId, ws), inArray(pipelineStages.kind, ['open'])))
        .orderBy(asc(pipelineStages.orderIndex))
        .limit(1)
    : [];
  const [deal] = await tx
    .insert(conversations)
    .values({
      workspaceId: ws,
      clientId: client.id,
      pipelineId: pipeline?.id ?? null,
      stageId: stage?.id ?? null,
      channelType: identity.channel_type,
      channelId: identity.external_id,
      createdBy: actorUserId(actor),
    })
    .returning();
  await recordEvent(tx, actor, {
    type: 'dialog_created',
    conversationId: deal.id,
    clientId: client.id,
    payload: { channel: identity.channel_type, external_id: identity.external_id },
  });
  await recordAudit(tx, actor, {
    action: 'create_conversation',
    entityType: 'conversation',
    entityId: deal.id,
    newValues: { client_id: client.id, pipeline_id: deal.pipelineId, stage_id: deal.stageId, channel_type: deal.channelType },
  });
  return dealRef(deal);
}

export async function findOrCreateClientByChannel(
  tx: Tx,
  actor: WorkspaceActor,
  raw: ChannelIdentity,
  opts: FindOrCreateOptions = {},
): Promise<{ client: CrmClientRef; deal: CrmDealRef; created: boolean }> {
  const identity = channelIdentitySchema.parse(raw) as ChannelIdentity;
  const ws = actor.workspaceId;
  const ref = (c: typeof clients.$inferSelect): CrmClientRef => ({ id: c.id, name: c.name, phone: c.phone });
  const phone = identity.phone ? normalizePhone(identity.phone, await workspaceRegion(tx, ws)) : null;

  for (let attempt = 0; ; attempt++) {
    const known = await clientOfChannel(tx, ws, identity.channel_type, identity.external_id);
    if (known) return { client: ref(known), deal: await ensureOpenDeal(tx, actor, known, identity, opts), created: false };
    try {
      const made = await tx.transaction(async (sp) => {
        // The same phone already on a client: that is this person, reached on a new channel.
        const [byPhone] = phone
          ? await sp.select().from(clients).where(and(eq(clients.workspaceId, ws), eq(clients.phone, phone)))
          : [];
        let client = byPhone;
        if (!client) {
          const name = identity.name?.trim() || identity.username?.trim() || '';
          [client] = await sp
            .insert(clients)
            .values({
              workspaceId: ws,
              name,
              phone,
              searchText: buildSearchText({ name, phone, email: null }, [{ externalId: identity.external_id, username: identity.username ?? null }]),
              firstContactAt: new Date(),
              lastContactAt: new Date(),
              createdBy: actorUserId(actor),
            })
            .returning();
        }
        const inserted = await sp
          .insert(clientChannels)
          .values({ workspaceId: ws, clientId: client.id, channelType: identity.channel_type, externalId: identity.external_id, username: identity.username ?? null })
          .onConflictDoNothing({ target: [clientChannels.workspaceId, clientChannels.channelType, clientChannels.externalId] })
          .returning({ id: clientChannels.id });
        if (!inserted.length) throw new LostRace();
        if (byPhone) {
          // The new channel id is searchable like the ones added by hand.
          await refreshSearchText(sp, ws, client.id);
          await recordAudit(sp, actor, {
            action: 'add_client_channel',
            entityType: 'client',
            entityId: client.id,
            newValues: { channel_type: identity.channel_type, external_id: identity.external_id, matched_by: 'phone' },
          });
        } else {
          await recordEvent(sp, actor, {
            type: 'client_created',
            clientId: client.id,
            payload: { channel_type: identity.channel_type, external_id: identity.external_id },
          });
          await recordAudit(sp, actor, {
            action: 'create_client',
            entityType: 'client',
            entityId: client.id,
            newValues: { name: client.name, phone: client.phone, channels: [{ channel_type: identity.channel_type, external_id: identity.external_id }] },
          });
        }
        return { client, created: !byPhone };
      });
      return { client: ref(made.client), deal: await ensureOpenDeal(tx, actor, made.client, identity, opts), created: made.created };
    } catch (err) {
      // Someone else stored this identity (or this phone) a moment ago: read theirs.
      if (attempt < 3 && (err instanceof LostRace || isUniqueViolation(err))) continue;
      throw err;
    }
  }
}
