// Chatwoot's supersede rule, checked right before an agent's reply goes out: a customer
// message newer than the last one the reply answered, or a human holding the conversation,
// discards the reply (status 'rejected', metadata {superseded, reason}); for a newer message
// a reply to everything unanswered is scheduled (unless one is pending already). Replies a
// person approved, operator messages and the off-hours notice are never superseded.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows, type SystemActor } from '@/lib/db/actor';
import { conversations, messages } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { CHANNEL_DUE_KINDS } from '../types';
import { decideReply, replySubject } from './schedule-reply';

export type SupersedeReason = 'newer_message' | 'taken_over' | 'closed';

export async function supersedeIfStale(tx: Tx, actor: SystemActor, messageId: string, now: Date): Promise<SupersedeReason | null> {
  const ws = actor.workspaceId;
  const [m] = await tx
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      role: messages.role,
      status: messages.status,
      approvedBy: messages.approvedBy,
      metadata: messages.metadata,
      turn: messages.turn,
      createdAt: messages.createdAt,
      convStatus: conversations.status,
      clientId: conversations.clientId,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.id, messages.conversationId), eq(conversations.workspaceId, messages.workspaceId)))
    .where(and(eq(messages.workspaceId, ws), eq(messages.id, messageId)));
  if (!m || m.role !== 'agent' || m.status !== 'queued' || m.approvedBy || m.metadata?.off_hours) return null;
  const answered = ((m.turn as { answered_message_ids?: string[] })?.answered_message_ids ?? []).filter((x) => typeof x === 'string');
  let reason: SupersedeReason | null = null;
  if (m.convStatus === 'closed') reason = 'closed';
  else if (m.convStatus === 'paused') reason = 'taken_over';
  else {
    const ids = JSON.stringify(answered);
    const [newer] = await queryRows<{ id: string }>(
      tx,
      sql`select n.id from public.messages n
          where n.workspace_id = ${ws}::uuid and n.conversation_id = ${m.conversationId}::uuid and n.role = 'user'
            and n.id::text not in (select jsonb_array_elements_text(${ids}::jsonb))
            and n.created_at > coalesce(
              (select max(a.created_at) from public.messages a
               where a.workspace_id = ${ws}::uuid and a.conversation_id = ${m.conversationId}::uuid and a.id::text in (select jsonb_array_elements_text(${ids}::jsonb))),
              ${m.createdAt.toISOString()}::timestamptz)
          limit 1`,
    );
    if (newer) reason = 'newer_message';
  }
  if (!reason) return null;
  await tx
    .update(messages)
    .set({
      status: 'rejected',
      // A code the inbox translates ("the customer wrote again" ...).
      error: `superseded_${reason}`,
      metadata: sql`${messages.metadata} || jsonb_build_object('superseded', true, 'reason', ${reason}::text)`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(messages.workspaceId, ws), eq(messages.id, messageId), eq(messages.status, 'queued')));
  // It never reached the customer: it leaves the counters it was added to.
  await tx
    .update(conversations)
    .set({ messagesCount: sql`greatest(${conversations.messagesCount} - 1, 0)` })
    .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, m.conversationId)));
  await recordEvent(tx, actor, {
    type: 'reply_superseded',
    conversationId: m.conversationId,
    clientId: m.clientId,
    messageId,
    payload: { message_id: messageId, reason },
  });
  if (reason === 'newer_message') await ensureReplyScheduled(tx, actor, m.conversationId, now);
  return reason;
}

/** A reply for the unanswered messages, unless one is pending already (its time stands). */
export async function ensureReplyScheduled(tx: Tx, actor: SystemActor, conversationId: string, now: Date): Promise<void> {
  const [pending] = await queryRows<{ id: string }>(
    tx,
    sql`select id from public.due_work where workspace_id = ${actor.workspaceId}::uuid and kind = ${CHANNEL_DUE_KINDS.reply}
          and subject = ${replySubject(conversationId)} and state = 'pending'`,
  );
  if (!pending) await decideReply(tx, actor, conversationId, now);
}
