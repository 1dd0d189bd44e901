// POST /api/conversations/:id/messages/:messageId/retry: a member sends a failed outbound
// message again — back to 'queued' and to delivery. 409 not_failed for any other status.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { messages } from '@/lib/db/schema/crm';
import { userNames } from '@/lib/crm/present';
import { presentMessage, type Message } from '@/lib/crm/messages/present-message';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { scheduleDelivery } from './schedule-delivery';

export async function retryMessage(actor: WorkspaceActor, conversationId: string, messageId: string, opts: { now?: Date } = {}): Promise<Message> {
  assertCan(actor, 'conversations.write');
  return withActor(actor, async (tx) => {
    await requireConversationRow(tx, actor, conversationId);
    const where = and(eq(messages.workspaceId, actor.workspaceId), eq(messages.conversationId, conversationId), eq(messages.id, messageId));
    const [row] = await tx
      .update(messages)
      .set({
        status: 'queued',
        error: null,
        metadata: sql`(${messages.metadata} - 'delivery') || jsonb_build_object('retried_at', ${(opts.now ?? new Date()).toISOString()}::text)`,
        updatedAt: sql`now()`,
      })
      .where(and(where, eq(messages.status, 'failed'), eq(messages.direction, 'outbound')))
      .returning();
    if (!row) {
      const [existing] = await tx.select({ status: messages.status }).from(messages).where(where);
      if (!existing) throw notFound('Message');
      throw new AppError(409, 'not_failed', `Only a failed outbound message can be sent again (status ${existing.status})`, { status: existing.status });
    }
    await scheduleDelivery(tx, actor.workspaceId, messageId, opts.now);
    await recordAudit(tx, actor, { action: 'retry_message', entityType: 'message', entityId: messageId, oldValues: { status: 'failed' }, newValues: { status: 'queued' } });
    return presentMessage(row, await userNames(tx, [row.senderUserId]));
  });
}
