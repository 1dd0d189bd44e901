// 'conversation.reply' [conversation:<id>]: the agent answers, once, everything the customer
// wrote since the last reply — built from stored history, not from an event. Re-checks first
// (active, an active agent, nobody human holds it, working hours), shows "typing…", runs the
// agent turn outside any transaction, then applies the supersede rule before handing the
// reply to delivery. A draft waits for approval. Failures leave the conversation to a person.
import { and, eq, sql } from 'drizzle-orm';
import { systemActor, withActor, queryRows, type SystemActor } from '@/lib/db/actor';
import { conversations } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { createNotification } from '@/lib/notifications/create-notification';
import { runAgentTurn } from '@/lib/runtime/run-agent-turn';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { logger } from '@/lib/log/logger';
import { channelAdapter } from '../registry';
import { CHANNEL_DUE_KINDS, CHANNELS_ACTOR } from '../types';
import { loadConnection as readChannelConnection } from '../connections/load-connection';
import { deliversThroughProvider, scheduleDelivery } from '../delivery/schedule-delivery';
import { isOpenAt, nextOpenWindow } from '../schedule/next-open-window';
import { findReplyAgent } from './find-agent';
import { markNeedsHuman, replySubject } from './schedule-reply';
import { supersedeIfStale } from './supersede-reply';
import { workingHoursOf } from './working-hours';
import { unansweredMessageIds } from './unanswered-messages';

export { unansweredMessageIds };

export type ReplyRunResult =
  | { result: 'delivering'; messageId: string }
  | { result: 'superseded'; messageId: string; reason: string }
  | { result: 'draft'; messageId: string }
  | { result: 'skipped'; reason: string }
  | { result: 'failed'; code: string };

export async function runReply(workspaceId: string, conversationId: string, now: Date): Promise<ReplyRunResult> {
  const actor = systemActor(CHANNELS_ACTOR, workspaceId);
  const plan = await withActor(actor, async (tx) => {
    const [conv] = await tx
      .select({
        id: conversations.id,
        status: conversations.status,
        agentId: conversations.agentId,
        pipelineId: conversations.pipelineId,
        stageId: conversations.stageId,
        channelType: conversations.channelType,
        channelId: conversations.channelId,
        integrationId: conversations.integrationId,
      })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    if (!conv) return { skip: 'not_found' } as const;
    await recoverStrandedReplies(tx, actor, conversationId, now);
    if (conv.status !== 'active') return { skip: conv.status } as const;
    const agent = await findReplyAgent(tx, workspaceId, conv);
    if (!agent) {
      await markNeedsHuman(tx, workspaceId, conversationId, now);
      return { skip: 'no_agent' } as const;
    }
    const hours = await workingHoursOf(tx, workspaceId, agent);
    if (!isOpenAt(hours, now)) {
      // The schedule changed since this was planned: wait for the window again.
      const at = nextOpenWindow(hours, now);
      if (at) await scheduleDueWork(tx, { workspaceId, kind: CHANNEL_DUE_KINDS.reply, subject: replySubject(conversationId), dueAt: at, payload: { agent_id: agent.id }, maxAttempts: 3 });
      return { skip: 'off_hours' } as const;
    }
    if (conv.agentId !== agent.id) {
      await tx.update(conversations).set({ agentId: agent.id }).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    }
    const ids = await unansweredMessageIds(tx, workspaceId, conversationId);
    if (!ids.length) return { skip: 'nothing_unanswered' } as const;
    const typing =
      deliversThroughProvider(conv.channelType) && conv.integrationId && conv.channelId
        ? await readChannelConnection(tx, actor, conv.integrationId)
        : null;
    return { agentId: agent.id, ids, typing, chatId: conv.channelId } as const;
  });
  if ('skip' in plan) return { result: 'skipped', reason: plan.skip ?? 'unknown' };

  if (plan.typing && plan.chatId) {
    try {
      const adapter = await channelAdapter(plan.typing.conn.type);
      await adapter.sendTyping?.(plan.typing.conn, plan.typing.secrets, plan.chatId);
    } catch {
      // "typing…" is a courtesy; the reply does not depend on it.
    }
  }

  let turn;
  try {
    turn = await runAgentTurn(workspaceId, conversationId, plan.ids, { agentId: plan.agentId, now });
  } catch (err) {
    await reportAgentError(actor, conversationId, plan.agentId, 'turn_crashed', now);
    throw err;
  }

  if (turn.outcome === 'failed') {
    await reportAgentError(actor, conversationId, plan.agentId, turn.error?.code ?? 'provider_failed', now, { notified: true });
    return { result: 'failed', code: turn.error?.code ?? 'provider_failed' };
  }
  if (turn.outcome === 'skipped') {
    if (turn.skipped === 'quota_exceeded') await withActor(actor, (tx) => markNeedsHuman(tx, workspaceId, conversationId, now));
    return { result: 'skipped', reason: turn.skipped ?? 'skipped' };
  }
  const messageId = turn.message!.id;
  if (turn.outcome === 'draft') return { result: 'draft', messageId };
  return withActor(actor, async (tx) => {
    const reason = await supersedeIfStale(tx, actor, messageId, now);
    if (reason) return { result: 'superseded', messageId, reason } as const;
    await scheduleDelivery(tx, workspaceId, messageId, now);
    return { result: 'delivering', messageId } as const;
  });
}

/**
 * A run that died after the turn stored its reply and before handing it to delivery left a
 * queued agent reply with no delivery item: finish that hand-over now (supersede rule first).
 */
async function recoverStrandedReplies(tx: import('@/lib/db/client').Tx, actor: SystemActor, conversationId: string, now: Date): Promise<void> {
  const stranded = await queryRows<{ id: string }>(
    tx,
    sql`select m.id from public.messages m
        where m.workspace_id = ${actor.workspaceId}::uuid and m.conversation_id = ${conversationId}::uuid
          and m.role = 'agent' and m.status = 'queued'
          and not exists (select 1 from public.due_work d
                          where d.workspace_id = m.workspace_id and d.kind = ${CHANNEL_DUE_KINDS.deliver} and d.subject = 'message:' || m.id::text)`,
  );
  for (const { id } of stranded) {
    if (!(await supersedeIfStale(tx, actor, id, now))) await scheduleDelivery(tx, actor.workspaceId, id, now);
  }
}

/** The conversation waits for a person; the team hears of it at most once an hour per conversation. */
async function reportAgentError(
  actor: SystemActor,
  conversationId: string,
  agentId: string,
  code: string,
  now: Date,
  opts: { notified?: boolean } = {},
): Promise<void> {
  try {
    await withActor(actor, async (tx) => {
      await markNeedsHuman(tx, actor.workspaceId, conversationId, now);
      if (opts.notified) return; // the runtime told the team already
      const [recent] = await queryRows<{ id: string }>(
        tx,
        sql`select id from public.crm_events where workspace_id = ${actor.workspaceId}::uuid and conversation_id = ${conversationId}::uuid
              and event_type = 'agent_error' and created_at > ${new Date(now.getTime() - 3600_000).toISOString()}::timestamptz limit 1`,
      );
      const [conv] = await tx.select({ clientId: conversations.clientId }).from(conversations).where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, conversationId)));
      await recordEvent(tx, actor, { type: 'agent_error', conversationId, clientId: conv?.clientId ?? null, payload: { code, agent_id: agentId } });
      if (recent) return;
      await createNotification(actor, {
        type: 'agent_error',
        title: 'Агент не смог ответить клиенту',
        description: `Ошибка (${code}). Сообщения клиента сохранены; ответьте вручную.`,
        actionText: 'Открыть диалог',
        actionUrl: `/conversations?conversation=${conversationId}`,
        data: { agent_id: agentId, conversation_id: conversationId, code },
      });
    });
  } catch (err) {
    logger.error({ conversation_id: conversationId, err: (err as Error).message }, 'could not record an agent error');
  }
}
