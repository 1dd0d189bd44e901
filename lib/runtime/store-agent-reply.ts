// Stores a turn's reply (issue 8, steps 6 and 8) in one short transaction after the model has
// answered: the agent's message with model, provider, tokens, cost, time, articles and the
// turn's trace; a draft awaiting approval when the agent checks before sending (and a
// `draft_pending` notification), else marked to send (test chat: sent at once); the
// conversation's counters; `agent_replied` on the timeline; the day's usage statistics.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type SystemActor } from '@/lib/db/actor';
import { conversations, messages } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { presentMessage, type Message } from '@/lib/crm/messages/present-message';
import { createNotification } from '@/lib/notifications/create-notification';
import type { AgentTurnConfig, TurnConversation, TurnTrace } from './types';
import { scheduleChainStart } from '@/lib/chains/schedule-chain-start';

export interface ReplyToStore {
  content: string;
  draft: boolean;
  model: string | null;
  provider: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  responseTimeMs: number;
  trace: TurnTrace;
}

export function conversationPath(conversation: Pick<TurnConversation, 'id' | 'channelType'>): string {
  return conversation.channelType === 'test' ? `/test-chat?conversation=${conversation.id}` : `/conversations?conversation=${conversation.id}`;
}

export async function storeAgentReply(
  actor: SystemActor,
  conversation: TurnConversation,
  agent: AgentTurnConfig['agent'],
  reply: ReplyToStore,
  /** A customer turn (not a chain's follow-up): schedules the start of follow-up chains (issue 10). */
  opts: { startChains?: boolean } = {},
): Promise<Message> {
  const ws = actor.workspaceId;
  const status = reply.draft ? 'draft' : conversation.channelType === 'test' ? 'sent' : 'queued';
  return withActor(actor, async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values({
        workspaceId: ws,
        conversationId: conversation.id,
        role: 'agent',
        direction: 'outbound',
        senderName: agent.name.slice(0, 255),
        content: reply.content,
        status,
        isSent: status === 'sent',
        requiresApproval: reply.draft,
        model: reply.model,
        provider: reply.provider,
        tokensIn: reply.tokensIn,
        tokensOut: reply.tokensOut,
        tokensUsed: reply.tokensIn + reply.tokensOut,
        costUsd: reply.costUsd,
        responseTimeMs: reply.responseTimeMs,
        kbArticlesUsed: reply.trace.articles.map((a) => a.id),
        turn: reply.trace,
        metadata: { agent_id: agent.id, mode: reply.trace.mode },
      })
      .returning();
    // A draft is not in the conversation yet: it counts once it is approved.
    if (!reply.draft) {
      await tx
        .update(conversations)
        .set({
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${row.createdAt.toISOString()}::timestamptz)`,
          firstMessageAt: sql`coalesce(${conversations.firstMessageAt}, ${row.createdAt.toISOString()}::timestamptz)`,
          messagesCount: sql`${conversations.messagesCount} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conversation.id)));
    }
    await recordEvent(tx, actor, {
      type: 'agent_replied',
      conversationId: conversation.id,
      clientId: conversation.clientId,
      messageId: row.id,
      payload: { message_id: row.id, status, mode: reply.trace.mode, no_answer: reply.trace.no_answer },
    });
    // The day's usage (seed 000 table usage_statistics); test-chat turns count like any other.
    await tx.execute(sql`
      insert into usage_statistics (workspace_id, date, ai_responses_count, tokens_used)
      values (${ws}::uuid, (now() at time zone 'utc')::date, 1, ${reply.tokensIn + reply.tokensOut})
      on conflict (workspace_id, date) do update
        set ai_responses_count = usage_statistics.ai_responses_count + 1,
            tokens_used = usage_statistics.tokens_used + excluded.tokens_used`);
    if (reply.draft) {
      await createNotification(actor, {
        type: 'draft_pending',
        title: `Черновик ответа ждёт проверки: ${agent.name}`.slice(0, 255),
        description: reply.content.slice(0, 300),
        actionText: 'Проверить',
        actionUrl: conversationPath(conversation),
        data: { agent_id: agent.id, agent: agent.name, conversation_id: conversation.id, message_id: row.id },
      });
    }
    // Follow-up chains start after a real conversation's turn (not the test chat), durably: due
    // work in this transaction; the model judges exclusions later, outside it.
    if (opts.startChains && conversation.channelType !== 'test') {
      await scheduleChainStart(tx, { workspaceId: ws, conversationId: conversation.id, cause: 'agent_turn' });
    }
    return presentMessage(row, new Map());
  });
}
