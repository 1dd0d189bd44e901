// POST /api/chat/send: the customer's message goes into a test conversation (new or continued)
// like any channel's inbound message, then the runtime answers it as the named agent (switched
// off agents may be tried), simulating the stage and channel asked for. The customer message is
// stored in its own transaction first, so a quota or provider failure never loses it.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { invalidField } from '@/lib/crm/conversations/schemas';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { recordInboundMessage } from '@/lib/crm/messages/record-inbound-message';
import type { Message } from '@/lib/crm/messages/present-message';
import { pipelineStages } from '@/lib/db/schema/crm';
import { workspaces } from '@/lib/db/schema/core';
import { ProviderError } from '@/lib/ai/provider/types';
import { runAgentTurn } from '@/lib/runtime/run-agent-turn';
import type { SkipReason, TurnError, TurnOutcome, TurnStreamEvent } from '@/lib/runtime/types';
import { assertTestChatAccess, assertTestConversation, sendTestMessageSchema, turnAppError, type SendTestMessageInput } from './schemas';
import { requireTestAgent, startTestConversation } from './start-test-conversation';

export interface TurnResponse {
  conversation_id: string;
  customer_message: Message;
  message: Message | null;
  outcome: TurnOutcome;
  skipped?: SkipReason;
  error?: TurnError;
}

export interface SendTestMessageOptions {
  /** The customer message is stored (SSE `accepted`). */
  onAccepted?: (accepted: { conversation_id: string; customer_message: Message }) => void;
  onEvent?: (event: TurnStreamEvent) => void;
  signal?: AbortSignal;
}

async function quotaDetails(actor: WorkspaceActor) {
  return withActor(actor, async (tx) => {
    const [w] = await tx
      .select({ used: workspaces.aiResponsesUsed, limit: workspaces.aiResponsesLimit })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    return { used: w?.used ?? 0, limit: w?.limit ?? 0 };
  });
}

export async function sendTestMessage(actor: WorkspaceActor, raw: SendTestMessageInput, opts: SendTestMessageOptions = {}): Promise<TurnResponse> {
  assertTestChatAccess(actor);
  const input = sendTestMessageSchema.parse(raw);
  const accepted = await withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireTestAgent(tx, ws, input.agent_id);
    if (input.simulate?.stage_id) {
      const [s] = await tx
        .select({ id: pipelineStages.id })
        .from(pipelineStages)
        .where(and(eq(pipelineStages.workspaceId, ws), eq(pipelineStages.id, input.simulate.stage_id)));
      if (!s) throw invalidField('simulate.stage_id', 'No stage with this id in the workspace', 'unknown_stage');
    }
    let conversationId = input.conversation_id ?? null;
    if (conversationId) assertTestConversation(await requireConversationRow(tx, actor, conversationId));
    else conversationId = await startTestConversation(tx, actor, input.agent_id);
    const { message } = await recordInboundMessage(actor, conversationId, { content: input.message, metadata: { test_chat: true } });
    return { conversation_id: conversationId, customer_message: message };
  });
  opts.onAccepted?.(accepted);
  const base = { conversation_id: accepted.conversation_id, customer_message_id: accepted.customer_message.id };
  let result;
  try {
    result = await runAgentTurn(actor.workspaceId, accepted.conversation_id, [accepted.customer_message.id], {
      agentId: input.agent_id,
      allowInactiveAgent: true,
      // A null stage means "the conversation's own stage", like an absent one.
      simulate: input.simulate ? { stageId: input.simulate.stage_id ?? undefined, channelType: input.simulate.channel_type } : undefined,
      onEvent: opts.onEvent,
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof ProviderError) throw turnAppError(err.code, err.message, base);
    throw err;
  }
  const quota = result.skipped === 'quota_exceeded' || result.error?.code === 'quota_exceeded';
  if (quota) throw turnAppError('quota_exceeded', 'The workspace has used all its AI responses', { ...base, ...(await quotaDetails(actor)) });
  if (result.outcome === 'failed' && result.error) throw turnAppError(result.error.code, result.error.message, base);
  return {
    ...accepted,
    message: result.message,
    outcome: result.outcome,
    ...(result.skipped ? { skipped: result.skipped } : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}
