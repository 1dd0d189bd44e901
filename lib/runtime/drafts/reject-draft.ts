// A member rejects an agent's draft: it is never sent (status `rejected`); writes
// `draft_rejected` with the reason and audit.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { messages } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { userNames } from '@/lib/crm/present';
import { presentMessage, type Message } from '@/lib/crm/messages/present-message';
import { rejectDraftSchema } from './schemas';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { notADraft, ofConversation } from './decide-draft';

export async function rejectDraft(actor: WorkspaceActor, conversationId: string, messageId: string, raw: unknown): Promise<Message> {
  assertCan(actor, 'conversations.write');
  const input = rejectDraftSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const conv = await requireConversationRow(tx, actor, conversationId);
    const reason = input.reason || null;
    const [row] = await tx
      .update(messages)
      .set({
        status: 'rejected',
        approvedBy: actorUserId(actor),
        approvedAt: sql`now()`,
        metadata: sql`${messages.metadata} || jsonb_build_object('rejected_reason', ${reason}::text)`,
        updatedAt: sql`now()`,
      })
      .where(and(ofConversation(actor.workspaceId, conversationId, messageId), eq(messages.status, 'draft')))
      .returning();
    if (!row) return notADraft(tx, actor, conversationId, messageId);
    await recordEvent(tx, actor, {
      type: 'draft_rejected',
      conversationId,
      clientId: conv.client_id,
      messageId,
      payload: { message_id: messageId, reason },
    });
    await recordAudit(tx, actor, {
      action: 'reject_draft',
      entityType: 'message',
      entityId: messageId,
      oldValues: { status: 'draft' },
      newValues: { status: 'rejected', reason },
    });
    return presentMessage(row, await userNames(tx, [row.senderUserId]));
  });
}
