// A member approves an agent's draft reply, optionally editing it first. The draft becomes
// `queued` and is handed to delivery ('message.deliver', issue 9; the outbox event
// `conversation/message.queued` is kept for listeners) — in the test chat there is no channel,
// so it is `sent` at once. A person approved it: the supersede rule does not discard it.
// Writes `draft_approved` and audit.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { messages } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { userNames } from '@/lib/crm/present';
import { presentMessage, type Message } from '@/lib/crm/messages/present-message';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { approveDraftSchema } from './schemas';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { notADraft, ofConversation } from './decide-draft';
import { scheduleDelivery } from '@/lib/channels/delivery/schedule-delivery';

export async function approveDraft(actor: WorkspaceActor, conversationId: string, messageId: string, raw: unknown): Promise<Message> {
  assertCan(actor, 'conversations.write');
  const input = approveDraftSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const conv = await requireConversationRow(tx, actor, conversationId);
    const test = conv.channel_type === 'test';
    const [before] = await tx
      .select({ content: messages.content })
      .from(messages)
      .where(ofConversation(actor.workspaceId, conversationId, messageId));
    const edited = input.content !== undefined && !!before && input.content !== before.content;
    const userId = actorUserId(actor);
    const [row] = await tx
      .update(messages)
      .set({
        status: test ? 'sent' : 'queued',
        isSent: test,
        approvedBy: userId,
        approvedAt: sql`now()`,
        ...(edited
          ? {
              content: input.content,
              turn: sql`${messages.turn} || '{"edited": true}'::jsonb`,
              metadata: sql`${messages.metadata} || jsonb_build_object('original_content', ${messages.content})`,
            }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(and(ofConversation(actor.workspaceId, conversationId, messageId), eq(messages.status, 'draft')))
      .returning();
    if (!row) return notADraft(tx, actor, conversationId, messageId);
    await recordEvent(tx, actor, {
      type: 'draft_approved',
      conversationId,
      clientId: conv.client_id,
      messageId,
      payload: { message_id: messageId, edited },
    });
    await recordAudit(tx, actor, {
      action: 'approve_draft',
      entityType: 'message',
      entityId: messageId,
      oldValues: { status: 'draft', ...(edited ? { content: before?.content } : {}) },
      newValues: { status: row.status, edited, ...(edited ? { content: row.content } : {}) },
    });
    if (!test) {
      await enqueueEvent(tx, actor.workspaceId, 'conversation/message.queued', { conversation_id: conversationId, message_id: messageId });
      await scheduleDelivery(tx, actor.workspaceId, messageId);
    }
    return presentMessage(row, await userNames(tx, [row.senderUserId]));
  });
}
