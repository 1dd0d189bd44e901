// After customer messages arrive (or a human hands a conversation back): decide whether the
// agent answers and when. Paused or closed: nobody. No active agent covers it: it waits for a
// human (needs_human_since; the inbox shows it). Else ONE pending 'conversation.reply' per
// conversation, due now + the agent's reply delay; every new message pushes it (a burst gets
// one reply), and outside working hours it moves to the next window, with the agent's
// off-hours message sent once per closed period. Runs in the caller's transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { SystemActor, WorkspaceActor } from '@/lib/db/actor';
import { conversations, messages } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { isOpenAt, nextOpenWindow, sameClosedPeriod } from '../schedule/next-open-window';
import { deliversThroughProvider, scheduleDelivery } from '../delivery/schedule-delivery';
import { CHANNEL_DUE_KINDS } from '../types';
import { findReplyAgent, type ReplyAgent } from './find-agent';
import { workingHoursOf } from './working-hours';

export type ReplyDecision =
  | { action: 'scheduled'; agentId: string; dueAt: Date; offHoursMessageId: string | null }
  | { action: 'held'; reason: 'paused' | 'closed' | 'not_found' }
  | { action: 'needs_human'; reason: 'no_agent' | 'no_working_day' | 'untranscribed' };

export const replySubject = (conversationId: string) => `conversation:${conversationId}`;

export async function decideReply(tx: Tx, actor: WorkspaceActor, conversationId: string, now: Date): Promise<ReplyDecision> {
  const ws = actor.workspaceId;
  const [conv] = await tx
    .select({
      id: conversations.id,
      clientId: conversations.clientId,
      status: conversations.status,
      agentId: conversations.agentId,
      pipelineId: conversations.pipelineId,
      stageId: conversations.stageId,
      channelType: conversations.channelType,
      offHoursNotifiedAt: conversations.offHoursNotifiedAt,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conversationId)));
  if (!conv) return { action: 'held', reason: 'not_found' };
  if (conv.status !== 'active') return { action: 'held', reason: conv.status };
  const agent = await findReplyAgent(tx, ws, conv);
  if (!agent) {
    await markNeedsHuman(tx, ws, conversationId, now);
    return { action: 'needs_human', reason: 'no_agent' };
  }
  if (conv.agentId !== agent.id) {
    await tx.update(conversations).set({ agentId: agent.id }).where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conversationId)));
  }
  const hours = await workingHoursOf(tx, ws, agent);
  const dueAt = nextOpenWindow(hours, new Date(now.getTime() + agent.responseDelaySeconds * 1000));
  if (!dueAt) {
    await markNeedsHuman(tx, ws, conversationId, now);
    return { action: 'needs_human', reason: 'no_working_day' };
  }
  let offHoursMessageId: string | null = null;
  const closedNow = !isOpenAt(hours, now);
  if (closedNow && agent.offHoursMessage?.trim() && !(conv.offHoursNotifiedAt && sameClosedPeriod(hours, conv.offHoursNotifiedAt, now))) {
    offHoursMessageId = await sendOffHoursMessage(tx, actor, { ...conv, agent }, now);
  }
  await scheduleDueWork(tx, {
    workspaceId: ws,
    kind: CHANNEL_DUE_KINDS.reply,
    subject: replySubject(conversationId),
    dueAt,
    payload: { agent_id: agent.id },
    maxAttempts: 3,
  });
  return { action: 'scheduled', agentId: agent.id, dueAt, offHoursMessageId };
}

export async function markNeedsHuman(tx: Tx, workspaceId: string, conversationId: string, now: Date): Promise<void> {
  await tx
    .update(conversations)
    .set({ needsHumanSince: sql`coalesce(${conversations.needsHumanSince}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
}

async function sendOffHoursMessage(
  tx: Tx,
  actor: WorkspaceActor | SystemActor,
  conv: { id: string; clientId: string; channelType: string; agent: ReplyAgent },
  now: Date,
): Promise<string> {
  const ws = actor.workspaceId;
  const direct = !deliversThroughProvider(conv.channelType);
  const [row] = await tx
    .insert(messages)
    .values({
      workspaceId: ws,
      conversationId: conv.id,
      role: 'agent',
      direction: 'outbound',
      senderName: conv.agent.name.slice(0, 255),
      content: conv.agent.offHoursMessage!.trim(),
      status: direct ? 'sent' : 'queued',
      isSent: direct,
      sentAt: direct ? now : null,
      metadata: { agent_id: conv.agent.id, off_hours: true },
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: messages.id, createdAt: messages.createdAt });
  await tx
    .update(conversations)
    .set({
      offHoursNotifiedAt: now,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${row.createdAt.toISOString()}::timestamptz)`,
      messagesCount: sql`${conversations.messagesCount} + 1`,
    })
    .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conv.id)));
  await recordEvent(tx, actor, {
    type: 'off_hours_replied',
    conversationId: conv.id,
    clientId: conv.clientId,
    messageId: row.id,
    payload: { agent_id: conv.agent.id, message_id: row.id },
  });
  if (!direct) await scheduleDelivery(tx, ws, row.id, now);
  return row.id;
}
