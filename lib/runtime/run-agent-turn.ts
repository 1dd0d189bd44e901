// The agent runtime's one entry point (issue 8): the test chat calls it now, every channel
// later. A turn, in order: skip closed or paused conversations, inactive agents and messages
// answered already → take one AI response from the quota (atomically, before any model call) →
// triggers → search the knowledge base (the model rewrites the query first) → reply with the
// model and its allow-listed tools, or knowledge-base-only → store it as a draft or to send,
// with the trace that explains it. No model call runs inside a transaction: read, call, write,
// each in its own short one. A provider failure gives the response back, stores nothing half
// written, tells the team and returns the provider's error code; the customer's messages stay.
import { assertNoTransaction, systemActor, withActor, type SystemActor } from '@/lib/db/actor';
import { ProviderError, type ChatResult } from '@/lib/ai/provider/types';
import { anyChatProviderConfigured } from '@/lib/ai/provider/provider-config';
import { crmFor } from '@/lib/crm/get-crm';
import { recordEvent } from '@/lib/crm/record-event';
import { createNotification } from '@/lib/notifications/create-notification';
import { recordUnansweredQuestion } from '@/lib/kb/unanswered/record-unanswered-question';
import { logger } from '@/lib/log/logger';
import { loadTurnConfig, loadTurnConversation } from './load-turn-config';
import { loadTurnContext, type TurnContext } from './load-turn-context';
import { notifyQuotaExceeded, refundAiResponse, takeAiResponse } from './ai-quota';
import { replyLanguage } from './detect-language';
import { kbLanguages, rawQuery, rewriteQuery } from './rewrite-query';
import { searchPassages } from './search-passages';
import { citeArticle, noAnswerText, saysNoAnswer } from './kb-only-reply';
import { generateReply } from './generate-reply';
import { conversationPath, storeAgentReply } from './store-agent-reply';
import type { PromptInput } from './build-prompt';
import { buildTools } from './tools/build-tools';
import { executeToolCall } from './tools/execute-tool-call';
import { runTriggers } from './triggers/run-triggers';
import type {
  AgentTurnConfig,
  RunAgentTurnOptions,
  SkipReason,
  TurnConversation,
  TurnError,
  TurnResult,
  TurnState,
  TurnTrace,
} from './types';

/** Customer messages looked at for the reply language (newest last). */
const LANGUAGE_LOOKBACK = 5;

function skipped(reason: SkipReason, trace: TurnTrace | null = null, error?: TurnError): TurnResult {
  return { outcome: 'skipped', message: null, skipped: reason, trace, ...(error ? { error } : {}) };
}

function emptyTrace(conversation: TurnConversation, stageId: string | null, channelType: string, answered: string[]): TurnTrace {
  return {
    mode: 'model',
    language: 'ru',
    detected_language: null,
    queries: [],
    semantic: false,
    articles: [],
    triggers: [],
    tools: [],
    fields_changed: [],
    context_extracted: null,
    no_answer: false,
    task_ids: [],
    stage_id: stageId,
    channel_type: channelType,
    answered_message_ids: answered,
    timings: { total_ms: 0, model_ms: 0, search_ms: 0 },
  };
}

export async function runAgentTurn(
  workspaceId: string,
  conversationId: string,
  newMessageIds: string[],
  opts: RunAgentTurnOptions = {},
): Promise<TurnResult> {
  assertNoTransaction('runAgentTurn');
  const started = Date.now();
  const now = opts.now ?? new Date();
  const actor = systemActor('agent-runtime', workspaceId);

  const conversation = await loadTurnConversation(actor, conversationId);
  if (conversation.status === 'closed') return skipped('closed');
  if (conversation.status === 'paused') return skipped('paused');
  const agentId = opts.agentId ?? conversation.agentId;
  if (!agentId) return skipped('no_agent');
  let config: AgentTurnConfig;
  try {
    config = await loadTurnConfig(actor, agentId);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return skipped('no_agent');
    throw err;
  }
  if (!config.agent.isActive && !opts.allowInactiveAgent) return skipped('agent_inactive');

  const stageId = opts.simulate?.stageId !== undefined ? opts.simulate.stageId : conversation.stageId;
  const channelType = opts.simulate?.channelType ?? conversation.channelType;
  const ctx = await loadTurnContext(actor, conversation, config, { newMessageIds, stageId });
  if (!ctx.newMessages.length) return skipped('no_new_messages');
  const trace = emptyTrace(conversation, stageId, channelType, ctx.newMessages.map((m) => m.id));

  if (!(await takeAiResponse(actor))) {
    await notifyQuotaExceeded(actor);
    trace.error = { code: 'quota_exceeded', message: 'The workspace has used all its AI responses; the customer message is kept.' };
    return skipped('quota_exceeded', null, trace.error);
  }

  const state: TurnState = { workspaceId, actor, config, conversation, trace, now };
  try {
    return await answer(state, ctx, opts, started);
  } catch (err) {
    await refundAiResponse(actor);
    if (!(err instanceof ProviderError)) throw err;
    return failTurn(state, err, started);
  }
}

async function answer(state: TurnState, ctx: TurnContext, opts: RunAgentTurnOptions, started: number): Promise<TurnResult> {
  const { actor, config, conversation, trace } = state;
  const customerTexts = ctx.history.filter((m) => m.role === 'user').map((m) => m.content);
  const newTexts = ctx.newMessages.map((m) => m.content);
  const lang = replyLanguage(config.agent, [...customerTexts.filter((t) => !newTexts.includes(t)), ...newTexts].slice(-LANGUAGE_LOOKBACK));
  trace.language = lang.language;
  trace.detected_language = lang.detected;

  const kbOnly = config.agent.kbOnly || !(await anyChatProviderConfigured(state.workspaceId));
  trace.mode = kbOnly ? 'kb_only' : 'model';
  const calls: ChatResult[] = [];

  // Triggers: a trigger that sends a message ends the turn with it; one that pauses the
  // conversation ends it without a reply (the response is given back).
  if (config.triggers.length) {
    opts.onEvent?.({ type: 'status', stage: 'thinking' });
    const fired = await runTriggers(
      state,
      ctx.history.map((m) => ({ role: m.role === 'user' ? ('user' as const) : ('assistant' as const), content: m.content })),
    );
    if (fired.sentMessage !== null) {
      opts.onEvent?.({ type: 'status', stage: 'writing' });
      opts.onEvent?.({ type: 'delta', text: fired.sentMessage });
      return store(state, started, fired.sentMessage, calls, { draft: false });
    }
    if (fired.paused) {
      await refundAiResponse(actor);
      trace.timings.total_ms = Date.now() - started;
      return skipped('paused', trace);
    }
  }

  // Knowledge: the model rewrites the question into the knowledge base's language(s).
  opts.onEvent?.({ type: 'status', stage: 'searching' });
  const searchStarted = Date.now();
  if (kbOnly) {
    trace.queries = [rawQuery(newTexts)];
  } else {
    const rewrite = await rewriteQuery(config.agent.model, state.workspaceId, newTexts, await kbLanguages(actor), opts.signal);
    if (rewrite.call) calls.push(rewrite.call);
    trace.queries = rewrite.queries;
  }
  const found = await searchPassages(actor, config.knowledge, trace.queries);
  trace.timings.search_ms = Date.now() - searchStarted - (calls[0]?.durationMs ?? 0);
  trace.semantic = found.semantic;
  trace.articles = found.articles;
  const noAnswer = noAnswerText(config.knowledge.noAnswerMessage, trace.language);

  let content: string;
  if (kbOnly) {
    const best = found.articles[0];
    trace.articles = best ? [best] : [];
    trace.no_answer = !best;
    content = best ? citeArticle(best, trace.language) : noAnswer;
    opts.onEvent?.({ type: 'status', stage: 'writing' });
    opts.onEvent?.({ type: 'delta', text: content });
  } else {
    const tools = buildTools(state);
    const generated = await generateReply({
      workspaceId: state.workspaceId,
      agent: config.agent,
      prompt: { ...promptInput(config, ctx, trace, noAnswer), tools: tools.length > 0 },
      history: ctx.history,
      tools,
      executeTool: (call) => executeToolCall(state, call, 'model'),
      onEvent: opts.onEvent,
      signal: opts.signal,
    });
    calls.push(...generated.calls);
    content = generated.content || noAnswer;
    trace.no_answer = found.articles.length === 0 && saysNoAnswer(content, noAnswer);
  }

  if (trace.no_answer) await onNoAnswer(state, rawQuery(newTexts));

  return store(state, started, content, calls, { draft: config.agent.checkBeforeSend });
}

/** Stores the reply with what it cost and why (model, provider, tokens, cost, time, trace). */
async function store(
  state: TurnState,
  started: number,
  content: string,
  calls: ChatResult[],
  how: { draft: boolean },
): Promise<TurnResult> {
  const { actor, config, conversation, trace } = state;
  const kbOnly = trace.mode === 'kb_only';
  const replyCall = calls.at(-1) ?? null;
  trace.model = kbOnly ? undefined : (replyCall?.modelId ?? config.agent.model);
  trace.provider = kbOnly ? undefined : replyCall?.provider;
  // runTriggers adds its judge call's time itself.
  trace.timings.model_ms += calls.reduce((s, c) => s + c.durationMs, 0);
  trace.timings.total_ms = Date.now() - started;
  const message = await storeAgentReply(actor, conversation, config.agent, {
    content,
    draft: how.draft,
    model: trace.model ?? null,
    provider: trace.provider ?? null,
    tokensIn: calls.reduce((s, c) => s + c.usage.prompt_tokens, 0),
    tokensOut: calls.reduce((s, c) => s + c.usage.completion_tokens, 0),
    costUsd: Math.round(calls.reduce((s, c) => s + c.costUsd, 0) * 1e6) / 1e6,
    responseTimeMs: trace.timings.total_ms,
    trace,
  }, { startChains: true });
  return { outcome: how.draft ? 'draft' : 'sent', message, trace };
}

/** The prompt of a turn (the chain follow-up reuses it with no passages and its instruction). */
export function promptInput(config: AgentTurnConfig, ctx: TurnContext, trace: TurnTrace, noAnswer: string | null): PromptInput {
  return {
    agentName: config.agent.name,
    instructions: config.agent.systemInstructions,
    language: trace.language,
    stage: ctx.stage ? { name: ctx.stage.name, instruction: ctx.stage.instruction } : null,
    companyKnowledge: config.companyKnowledge,
    scripts: config.scripts.map((s) => ({ name: s.name, script: s.script, forThisStage: !!ctx.stage && (s.stage === ctx.stage.id || s.stage === ctx.stage.code) })),
    objections: config.objections,
    dealFields: ctx.dealFields,
    contactFields: ctx.contactFields,
    facts: ctx.facts,
    passages: trace.articles.map((a) => ({ articleId: a.id, title: a.title, text: a.passage ?? '' })),
    noAnswerMessage: noAnswer,
    tools: false,
  };
}

/** Nothing relevant found: a task for the team (when the agent asks for one) and the question in the "could not answer" list. */
async function onNoAnswer(state: TurnState, question: string): Promise<void> {
  const { actor, config, conversation, trace } = state;
  if (config.knowledge.createTaskIfNoAnswer) {
    const task = await crmFor(actor).createTask({
      text: `Агент «${config.agent.name}» не нашёл ответа в базе знаний: «${question.slice(0, 300)}»`,
      client_id: conversation.clientId,
      conversation_id: conversation.id,
    });
    trace.task_ids.push(task.id);
  }
  if (question) {
    await recordUnansweredQuestion(actor, {
      question,
      agentId: config.agent.id,
      conversationId: conversation.id,
      source: conversation.channelType === 'test' ? 'test_chat' : 'channel',
    });
  }
}

async function failTurn(state: TurnState, err: ProviderError, started: number): Promise<TurnResult> {
  const { actor, config, conversation, trace } = state;
  trace.error = { code: err.code, message: err.message };
  trace.timings.total_ms = Date.now() - started;
  logger.warn({ workspace_id: state.workspaceId, conversation_id: conversation.id, code: err.code }, 'agent turn failed: provider error');
  await recordAgentError(actor, config, conversation, err.code);
  return { outcome: 'failed', message: null, error: trace.error, trace };
}

async function recordAgentError(actor: SystemActor, config: AgentTurnConfig, conversation: TurnConversation, code: string): Promise<void> {
  await withActor(actor, async (tx) => {
    await recordEvent(tx, actor, { type: 'agent_error', conversationId: conversation.id, clientId: conversation.clientId, payload: { code, agent_id: config.agent.id } });
    await createNotification(actor, {
      type: 'agent_error',
      title: `Агент «${config.agent.name}» не смог ответить`.slice(0, 255),
      description: `Ошибка провайдера ИИ (${code}). Сообщение клиента сохранено; ответьте вручную или повторите позже.`,
      actionText: 'Открыть диалог',
      actionUrl: conversationPath(conversation),
      data: { agent_id: config.agent.id, agent: config.agent.name, conversation_id: conversation.id, code },
    });
  });
}
