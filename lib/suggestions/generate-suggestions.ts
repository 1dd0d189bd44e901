// POST /api/conversations/:id/suggestions: suggestions for the customer's unanswered messages —
// a quick_reply (the agent's model grounded in the knowledge base, or the best passage quoted)
// and a price_suggestion from the price list. schedule_slot has no source of free slots yet and
// is not generated. Read → model → write, each its own short step (no network call inside a
// transaction); one AI response is taken from the quota first, like an agent turn, and given
// back when the model fails or no reply came of it. The dialog's older pending suggestions
// expire when the new ones are stored (and, by a trigger, when a newer customer message arrives).
import { and, eq } from 'drizzle-orm';
import { assertNoTransaction, systemActor, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError, conflict, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { aiSuggestions } from '@/lib/db/schema/channels';
import { ProviderError } from '@/lib/ai/provider/types';
import { recordEvent } from '@/lib/crm/record-event';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { requireConversationRow, type ConversationRow } from '@/lib/crm/conversations/load-conversations';
import { presentPriceItem, queryPriceItems } from '@/lib/crm/price-list/list-price-items';
import { notifyQuotaExceeded, quotaUsage, refundAiResponse, takeAiResponse } from '@/lib/runtime/ai-quota';
import { loadTurnConfig } from '@/lib/runtime/load-turn-config';
import { turnAppError } from '@/lib/runtime/chat/schemas';
import type { AgentTurnConfig, TurnConversation } from '@/lib/runtime/types';
import { findUnansweredMessages } from './find-unanswered-messages';
import { suggestPrice } from './suggest-price';
import { draftQuickReply, type QuickReplyDraft } from './suggest-quick-reply';
import { presentSuggestion, type Suggestion } from './schemas';

export interface GenerateSuggestionsOptions {
  signal?: AbortSignal;
}

function turnConversation(c: ConversationRow): TurnConversation {
  return {
    id: c.id,
    clientId: c.client_id,
    agentId: c.agent_id,
    pipelineId: c.pipeline_id,
    stageId: c.stage_id,
    channelType: c.channel_type as TurnConversation['channelType'],
    status: c.status,
    pausedBy: c.paused_by,
    context: c.context ?? {},
    version: c.version,
  };
}

async function loadConfig(actor: ReturnType<typeof systemActor>, agentId: string | null): Promise<AgentTurnConfig | null> {
  if (!agentId) return null;
  try {
    return await loadTurnConfig(actor, agentId);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

export async function generateSuggestions(actor: WorkspaceActor, conversationId: string, opts: GenerateSuggestionsOptions = {}): Promise<Suggestion[]> {
  assertCan(actor, 'conversations.write');
  assertNoTransaction('generateSuggestions');
  const ws = actor.workspaceId;
  const runtime = systemActor('agent-runtime', ws);

  const read = await withActor(actor, async (tx) => {
    const conv = await requireConversationRow(tx, actor, conversationId);
    const unanswered = await findUnansweredMessages(tx, ws, conversationId);
    if (!unanswered.length) throw conflict('No customer message is waiting for an answer', 'nothing_to_answer');
    const items = (await queryPriceItems(tx, ws, { active: 'true' })).map(presentPriceItem);
    const currency = conv.currency ?? ((await workspaceRegion(tx, ws)) === 'KZ' ? 'KZT' : 'RUB');
    return { conv, unanswered, items, currency };
  });
  const conversation = turnConversation(read.conv);
  const config = await loadConfig(runtime, conversation.agentId);

  if (!(await takeAiResponse(runtime))) {
    await notifyQuotaExceeded(runtime);
    throw new AppError(402, 'quota_exceeded', 'The workspace has used all its AI responses', { conversation_id: conversationId, ...(await quotaUsage(runtime)) });
  }
  let quick: QuickReplyDraft | null;
  try {
    quick = await draftQuickReply(ws, conversation, config, read.unanswered, opts.signal);
  } catch (err) {
    await refundAiResponse(runtime);
    if (err instanceof ProviderError) throw turnAppError(err.code, err.message, { conversation_id: conversationId });
    throw err;
  }
  // Nothing the AI wrote is kept: the response is not counted.
  if (!quick) await refundAiResponse(runtime);
  const price = suggestPrice(read.items, { context: conversation.context, texts: read.unanswered.map((m) => m.content), defaultCurrency: read.currency });

  const answers = read.unanswered.at(-1)!.id;
  try {
    return await withActor(actor, async (tx) => {
      const conv = await requireConversationRow(tx, actor, conversationId);
      await tx
        .update(aiSuggestions)
        .set({ status: 'expired' })
        .where(and(eq(aiSuggestions.workspaceId, ws), eq(aiSuggestions.conversationId, conversationId), eq(aiSuggestions.status, 'pending')));
      const values: (typeof aiSuggestions.$inferInsert)[] = [];
      if (quick) {
        values.push({
          workspaceId: ws,
          conversationId,
          messageId: answers,
          suggestionType: 'quick_reply',
          content: quick.content,
          confidence: quick.confidence,
          action: 'send_message',
          payload: { mode: quick.mode, articles: quick.articles.map((a) => ({ id: a.id, title: a.title })) },
        });
      }
      if (price) {
        values.push({
          workspaceId: ws,
          conversationId,
          messageId: answers,
          suggestionType: 'price_suggestion',
          content: price.content,
          confidence: price.confidence,
          action: 'update_context',
          payload: price.payload,
        });
      }
      if (!values.length) return [];
      const rows = await tx.insert(aiSuggestions).values(values).returning();
      for (const row of rows) {
        await recordEvent(tx, actor, {
          type: 'suggestion_generated',
          conversationId,
          clientId: conv.client_id,
          messageId: answers,
          source: 'agent',
          payload: { suggestion_id: row.id, type: row.suggestionType, action: row.action, confidence: Number(row.confidence), ...(row.suggestionType === 'quick_reply' ? { mode: quick?.mode } : {}) },
        });
      }
      await recordAudit(tx, actor, {
        action: 'generate_suggestions',
        entityType: 'conversation',
        entityId: conversationId,
        newValues: { suggestion_ids: rows.map((r) => r.id), types: rows.map((r) => r.suggestionType) },
      });
      return rows.map(presentSuggestion);
    });
  } catch (err) {
    if (quick) await refundAiResponse(runtime);
    if ((err as { status?: number }).status === 404) throw notFound('Conversation');
    throw err;
  }
}
