// Customer messages parsed from a channel update become CRM rows (seed 000 business logic 1,
// steps 1-5): the client and open deal by channel identity (new deals in the connection's
// pipeline), the conversation bound to this connection and chat, each message stored once per
// (conversation, external id) — a repeated delivery creates nothing — counters, unread and
// last inbound time; then the reply decision (lib/channels/reply/schedule-reply.ts). One
// transaction as the channels system actor; media must be fetched and transcribed before.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type SystemActor } from '@/lib/db/actor';
import { clients, conversations, messages, type MessageAttachment, MESSAGE_CONTENT_TYPES } from '@/lib/db/schema/crm';
import { findOrCreateClientByChannel } from '@/lib/crm/builtin/find-or-create-by-channel';
import type { ChannelIdentity } from '@/lib/crm/adapter';
import { decideReply, markNeedsHuman, type ReplyDecision } from '../reply/schedule-reply';
import type { ChannelConnection, InboundMessage } from '../types';
import { chainsOnCustomerMessage } from '@/lib/chains/customer-replied';

export type IngestMessage = InboundMessage & { attachments?: MessageAttachment[]; transcript?: string };

export interface IngestResult {
  conversationId: string | null;
  messageIds: string[];
  /** Messages stored by this call (0 for a repeated delivery). */
  created: number;
  decision?: ReplyDecision;
}

/** What an untranscribed voice message says in the thread (the team listens to the audio). */
export const NO_TRANSCRIPT_TEXT = '[Голосовое сообщение без расшифровки]';

const CONTENT_TYPES = new Set<string>(MESSAGE_CONTENT_TYPES);

function contentOf(m: IngestMessage): { content: string; untranscribed: boolean } {
  const transcript = m.transcript?.trim();
  if (transcript) return { content: m.text?.trim() ? `${transcript}\n\n${m.text.trim()}` : transcript, untranscribed: false };
  if ((m.kind === 'voice' || m.kind === 'audio') && !m.text?.trim()) return { content: NO_TRANSCRIPT_TEXT, untranscribed: true };
  return { content: m.text ?? '', untranscribed: false };
}

export async function ingestInboundMessages(
  actor: SystemActor,
  conn: ChannelConnection,
  batch: IngestMessage[],
  opts: { now?: Date } = {},
): Promise<IngestResult> {
  // A connection of another workspace must never be referenced (RLS keeps the rows in the
  // actor's own workspace; this keeps them from pointing at someone else's connection).
  if (conn.workspaceId !== actor.workspaceId) throw new Error('ingestInboundMessages: the connection belongs to another workspace');
  if (!batch.length) return { conversationId: null, messageIds: [], created: 0 };
  const now = opts.now ?? new Date();
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    const dealOfChat = new Map<string, { conversationId: string; clientId: string }>();
    const touched = new Map<string, { created: number; onlyUntranscribed: boolean }>();
    const messageIds: string[] = [];
    let conversationId: string | null = null;

    for (const m of batch) {
      let deal = dealOfChat.get(m.chatId);
      if (!deal) {
        const identity: ChannelIdentity = {
          channel_type: conn.type,
          external_id: String(m.sender.externalId || m.chatId),
          name: m.sender.name ?? null,
          phone: m.sender.phone ?? null,
          username: m.sender.username ?? null,
        };
        const found = await findOrCreateClientByChannel(tx, actor, identity, { pipelineId: conn.pipelineId });
        deal = { conversationId: found.deal.id, clientId: found.client.id };
        dealOfChat.set(m.chatId, deal);
        // Replies go where the customer wrote last: this connection and chat.
        await tx
          .update(conversations)
          .set({ channelType: conn.type, channelId: m.chatId, integrationId: conn.id })
          .where(
            and(
              eq(conversations.workspaceId, ws),
              eq(conversations.id, deal.conversationId),
              sql`(${conversations.channelType}, coalesce(${conversations.channelId}, ''), coalesce(${conversations.integrationId}::text, ''))
                  is distinct from (${conn.type}, ${m.chatId}, ${conn.id})`,
            ),
          );
      }
      conversationId = deal.conversationId;
      const { content, untranscribed } = contentOf(m);
      const [inserted] = await tx
        .insert(messages)
        .values({
          workspaceId: ws,
          conversationId: deal.conversationId,
          role: 'user',
          direction: 'inbound',
          senderName: (m.sender.name || m.sender.username || null)?.slice(0, 255) ?? null,
          content,
          contentType: (CONTENT_TYPES.has(m.kind) ? m.kind : 'text') as (typeof MESSAGE_CONTENT_TYPES)[number],
          attachments: m.attachments ?? [],
          status: 'received',
          externalMessageId: m.externalMessageId,
          metadata: {
            channel_message_at: m.sentAt.toISOString(),
            integration_id: conn.id,
            ...(untranscribed ? { transcript_missing: true } : {}),
          },
          // The statement's clock: messages stored together keep their order.
          createdAt: sql`clock_timestamp()`,
        })
        .onConflictDoNothing({ target: [messages.conversationId, messages.externalMessageId] })
        .returning({ id: messages.id, createdAt: messages.createdAt });
      const t = touched.get(deal.conversationId) ?? { created: 0, onlyUntranscribed: true };
      touched.set(deal.conversationId, t);
      if (!inserted) {
        const [existing] = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.workspaceId, ws), eq(messages.conversationId, deal.conversationId), eq(messages.externalMessageId, m.externalMessageId)));
        if (existing) messageIds.push(existing.id);
        continue;
      }
      messageIds.push(inserted.id);
      t.created++;
      t.onlyUntranscribed &&= untranscribed;
      const at = inserted.createdAt.toISOString();
      await tx
        .update(conversations)
        .set({
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at}::timestamptz)`,
          firstMessageAt: sql`coalesce(${conversations.firstMessageAt}, ${at}::timestamptz)`,
          lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${at}::timestamptz)`,
          messagesCount: sql`${conversations.messagesCount} + 1`,
          unreadCount: sql`${conversations.unreadCount} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, deal.conversationId)));
      await tx
        .update(clients)
        .set({ lastContactAt: sql`greatest(${clients.lastContactAt}, ${at}::timestamptz)`, firstContactAt: sql`coalesce(${clients.firstContactAt}, ${at}::timestamptz)` })
        .where(and(eq(clients.workspaceId, ws), eq(clients.id, deal.clientId)));
    }

    let decision: ReplyDecision | undefined;
    let created = 0;
    for (const [id, t] of touched) {
      created += t.created;
      if (!t.created) continue;
      // Follow-up chains stop when the customer answers (issue 10).
      await chainsOnCustomerMessage(tx, ws, id, now);
      // A voice message nobody could transcribe: the agent cannot answer it, a person must.
      decision = t.onlyUntranscribed ? (await markNeedsHuman(tx, ws, id, now), { action: 'needs_human', reason: 'untranscribed' }) : await decideReply(tx, actor, id, now);
    }
    return { conversationId, messageIds, created, decision };
  });
}
