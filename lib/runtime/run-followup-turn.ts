// The runtime's follow-up entry point (issue 10: a chain step's generate_message). No customer
// message to answer: the model writes one message from the step's instruction and the stored
// conversation, with the agent's prompt (instructions, stage, scripts, CRM fields it may read,
// facts) and no tools. Like a turn: read in a short transaction, one AI response taken from the
// quota before the model call (given back if the provider fails or the follow-up is discarded),
// the model called outside any transaction. Storing is separate (storeFollowup) so the caller can
// re-check its own stop conditions in the transaction that records the message.
//
// Knowledge-base-only mode (agent kb_only or no provider): there is no question to look up, so a
// follow-up cannot be written — the caller is told `kb_only` and skips the action.
import { promptInput } from './run-agent-turn';
import { assertNoTransaction, systemActor, type SystemActor } from '@/lib/db/actor';
import { ProviderError, type ChatResult } from '@/lib/ai/provider/types';
import { anyChatProviderConfigured } from '@/lib/ai/provider/provider-config';
import type { Message } from '@/lib/crm/messages/present-message';
import { loadTurnConfig, loadTurnConversation } from './load-turn-config';
import { loadTurnContext } from './load-turn-context';
import { notifyQuotaExceeded, refundAiResponse, takeAiResponse } from './ai-quota';
import { replyLanguage } from './detect-language';
import { generateReply } from './generate-reply';
import { storeAgentReply } from './store-agent-reply';
import type { AgentTurnConfig, TurnConversation, TurnTrace } from './types';

export type FollowupSkip = 'closed' | 'paused' | 'no_agent' | 'agent_inactive' | 'kb_only' | 'quota_exceeded';

export interface WrittenFollowup {
  actor: SystemActor;
  conversation: TurnConversation;
  agent: AgentTurnConfig['agent'];
  content: string;
  /** check_before_send: stored as a draft awaiting approval. */
  draft: boolean;
  calls: ChatResult[];
  trace: TurnTrace;
}

export type FollowupResult =
  | { outcome: 'written'; followup: WrittenFollowup }
  | { outcome: 'skipped'; reason: FollowupSkip }
  | { outcome: 'failed'; code: string };

export interface FollowupInput {
  agentId: string;
  /** The step's instruction (written by the owner: an instruction, not data). */
  instruction: string;
  now: Date;
}

export async function writeFollowup(workspaceId: string, conversationId: string, input: FollowupInput): Promise<FollowupResult> {
  assertNoTransaction('writeFollowup');
  const started = Date.now();
  const actor = systemActor('agent-runtime', workspaceId);
  const conversation = await loadTurnConversation(actor, conversationId);
  if (conversation.status === 'closed') return { outcome: 'skipped', reason: 'closed' };
  if (conversation.status === 'paused') return { outcome: 'skipped', reason: 'paused' };
  let config: AgentTurnConfig;
  try {
    config = await loadTurnConfig(actor, input.agentId);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { outcome: 'skipped', reason: 'no_agent' };
    throw err;
  }
  if (!config.agent.isActive) return { outcome: 'skipped', reason: 'agent_inactive' };
  if (config.agent.kbOnly || !(await anyChatProviderConfigured(workspaceId))) return { outcome: 'skipped', reason: 'kb_only' };

  const ctx = await loadTurnContext(actor, conversation, config, { newMessageIds: [], stageId: conversation.stageId });
  const lang = replyLanguage(config.agent, ctx.history.filter((m) => m.role === 'user').map((m) => m.content).slice(-5));
  const trace: TurnTrace = {
    mode: 'model',
    language: lang.language,
    detected_language: lang.detected,
    queries: [],
    semantic: false,
    articles: [],
    triggers: [],
    tools: [],
    fields_changed: [],
    context_extracted: null,
    no_answer: false,
    task_ids: [],
    stage_id: conversation.stageId,
    channel_type: conversation.channelType,
    answered_message_ids: [],
    timings: { total_ms: 0, model_ms: 0, search_ms: 0 },
  };

  if (!(await takeAiResponse(actor))) {
    await notifyQuotaExceeded(actor);
    return { outcome: 'skipped', reason: 'quota_exceeded' };
  }
  let generated;
  try {
    generated = await generateReply({
      workspaceId,
      agent: config.agent,
      purpose: 'chain_followup',
      prompt: { ...promptInput(config, ctx, { ...trace, articles: [] }, null), followUp: input.instruction },
      history: ctx.history,
      tools: [],
    });
  } catch (err) {
    await refundAiResponse(actor);
    if (err instanceof ProviderError) return { outcome: 'failed', code: err.code };
    throw err;
  }
  if (!generated.content) {
    await refundAiResponse(actor);
    return { outcome: 'failed', code: 'empty_reply' };
  }
  const last = generated.calls.at(-1);
  trace.model = last?.modelId ?? config.agent.model;
  trace.provider = last?.provider;
  trace.timings.model_ms = generated.calls.reduce((s, c) => s + c.durationMs, 0);
  trace.timings.total_ms = Date.now() - started;
  return {
    outcome: 'written',
    followup: { actor, conversation, agent: config.agent, content: generated.content, draft: config.agent.checkBeforeSend, calls: generated.calls, trace },
  };
}

/** Stores the follow-up (queued to send, or a draft) — in the caller's transaction when there is one. */
export function storeFollowup(f: WrittenFollowup): Promise<Message> {
  return storeAgentReply(f.actor, f.conversation, f.agent, {
    content: f.content,
    draft: f.draft,
    model: f.trace.model ?? null,
    provider: f.trace.provider ?? null,
    tokensIn: f.calls.reduce((s, c) => s + c.usage.prompt_tokens, 0),
    tokensOut: f.calls.reduce((s, c) => s + c.usage.completion_tokens, 0),
    costUsd: Math.round(f.calls.reduce((s, c) => s + c.costUsd, 0) * 1e6) / 1e6,
    responseTimeMs: f.trace.timings.total_ms,
    trace: f.trace,
  });
}

/** A follow-up that will not go out (the run stopped while it was written): its response is given back. */
export async function discardFollowup(f: WrittenFollowup): Promise<void> {
  await refundAiResponse(f.actor);
}
