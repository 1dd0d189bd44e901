// POST /api/conversations/:id/messages: a member's reply, stored as an outbound operator
// message waiting for delivery (status queued; 'message.deliver' sends it through the
// conversation's channel). Bumps the dialog's counters and the client's last contact, clears
// "needs a human", writes `message_sent`, and — when the workspace stops agents on a human
// reply — the member takes the dialog over (lib/channels/takeover: paused for them until
// auto-resume; a further reply pushes the resume time).
import { and, eq, sql } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { workspaces } from '@/lib/db/schema/core';
import { clients, conversations, messages } from '@/lib/db/schema/crm';
import { recordEvent } from '../record-event';
import { userNames } from '../present';
import { requireConversationRow } from '../conversations/load-conversations';
import { sendMessageSchema } from '../conversations/schemas';
import { presentMessage } from './present-message';
import { takeOver } from '@/lib/channels/takeover/take-over';
import { scheduleDelivery } from '@/lib/channels/delivery/schedule-delivery';

export const HUMAN_REPLY_PAUSE_REASON = 'human_reply';

export async function sendHumanMessage(actor: WorkspaceActor, conversationId: string, raw: unknown, opts: { now?: Date } = {}) {
  assertCan(actor, 'conversations.write');
  const input = sendMessageSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const conv = await requireConversationRow(tx, actor, conversationId);
    const userId = actorUserId(actor);
    const names = await userNames(tx, [userId]);
    const [row] = await tx
      .insert(messages)
      .values({
        workspaceId: ws,
        conversationId,
        role: 'operator',
        direction: 'outbound',
        senderUserId: userId,
        senderName: userId ? names.get(userId) ?? null : null,
        content: input.content,
        status: 'queued',
      })
      .returning();
    const [settings] = await tx.select({ stop: workspaces.stopOnHumanReply }).from(workspaces).where(eq(workspaces.id, ws));
    // A closed dialog stays closed; an active or paused one is now held by this member.
    const pause = !!settings?.stop && conv.status !== 'closed';
    await tx
      .update(conversations)
      .set({
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${row.createdAt.toISOString()}::timestamptz)`,
        firstMessageAt: sql`coalesce(${conversations.firstMessageAt}, ${row.createdAt.toISOString()}::timestamptz)`,
        messagesCount: sql`${conversations.messagesCount} + 1`,
        unreadCount: 0,
        needsHumanSince: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conversationId)));
    await tx
      .update(clients)
      .set({ lastContactAt: sql`greatest(${clients.lastContactAt}, now())`, firstContactAt: sql`coalesce(${clients.firstContactAt}, now())` })
      .where(and(eq(clients.workspaceId, ws), eq(clients.id, conv.client_id)));
    await recordEvent(tx, actor, {
      type: 'message_sent',
      conversationId,
      clientId: conv.client_id,
      messageId: row.id,
      payload: { role: 'operator', content: input.content.slice(0, 200) },
    });
    const takeover = pause ? await takeOver(tx, actor, conv, { reason: HUMAN_REPLY_PAUSE_REASON, now: opts.now }) : null;
    await scheduleDelivery(tx, ws, row.id, opts.now);
    await recordAudit(tx, actor, {
      action: 'send_message',
      entityType: 'message',
      entityId: row.id,
      newValues: { conversation_id: conversationId, role: 'operator', length: input.content.length, paused_agent: !!takeover?.started },
    });
    return presentMessage(row, names);
  });
}
