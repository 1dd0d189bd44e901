// A customer's message arriving through a channel (lib only; the channels call it). Idempotent
// on (conversation_id, external_message_id): a repeated delivery returns the stored row and
// bumps no counter twice.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { clients, conversations, messages, MESSAGE_CONTENT_TYPES } from '@/lib/db/schema/crm';
import { requireConversationRow } from '../conversations/load-conversations';
import { presentMessage } from './present-message';

export const inboundMessageSchema = z.object({
  content: z.string().max(100_000).default(''),
  external_message_id: z.string().min(1).max(255).nullable().optional(),
  content_type: z.enum(MESSAGE_CONTENT_TYPES).default('text'),
  attachments: z
    .array(z.object({ url: z.string().optional(), file_id: z.string().optional(), name: z.string().optional(), mime_type: z.string().optional(), size: z.number().optional(), transcript: z.string().optional() }))
    .max(20)
    .default([]),
  sender_name: z.string().max(255).nullable().optional(),
  /** When the channel says the message was sent (defaults to now). */
  sent_at: z.coerce.date().optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type InboundMessageInput = z.input<typeof inboundMessageSchema>;

export async function recordInboundMessage(actor: WorkspaceActor, conversationId: string, raw: InboundMessageInput) {
  assertCan(actor, 'conversations.write');
  const input = inboundMessageSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const conv = await requireConversationRow(tx, actor, conversationId);
    const [inserted] = await tx
      .insert(messages)
      .values({
        workspaceId: ws,
        conversationId,
        role: 'user',
        direction: 'inbound',
        senderName: input.sender_name ?? null,
        content: input.content,
        contentType: input.content_type,
        attachments: input.attachments,
        status: 'received',
        externalMessageId: input.external_message_id ?? null,
        metadata: input.metadata,
        ...(input.sent_at ? { createdAt: input.sent_at } : {}),
      })
      .onConflictDoNothing({ target: [messages.conversationId, messages.externalMessageId] })
      .returning();
    if (!inserted) {
      const [existing] = await tx
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.workspaceId, ws), eq(messages.externalMessageId, input.external_message_id!)));
      return { message: presentMessage(existing, new Map()), created: false };
    }
    const at = inserted.createdAt.toISOString();
    await tx
      .update(conversations)
      .set({
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at}::timestamptz)`,
        firstMessageAt: sql`least(${conversations.firstMessageAt}, ${at}::timestamptz)`,
        messagesCount: sql`${conversations.messagesCount} + 1`,
        unreadCount: sql`${conversations.unreadCount} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conversationId)));
    await tx
      .update(clients)
      .set({ lastContactAt: sql`greatest(${clients.lastContactAt}, ${at}::timestamptz)`, firstContactAt: sql`least(${clients.firstContactAt}, ${at}::timestamptz)` })
      .where(and(eq(clients.workspaceId, ws), eq(clients.id, conv.client_id)));
    return { message: presentMessage(inserted, new Map()), created: true };
  });
}
