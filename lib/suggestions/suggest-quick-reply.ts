// quick_reply (seed 004): a reply the operator can send as is, grounded in the knowledge base.
// With a model: the agent's own prompt (instructions first, passages and customer messages as
// untrusted data) plus one task line, no tools. Knowledge-base-only (no provider configured, a
// kb_only agent, or no agent on the dialog): the best passage quoted, no model call.
// Runs outside any transaction (the model and the embedding are network calls).
import { assertNoTransaction, systemActor } from '@/lib/db/actor';
import { chatComplete } from '@/lib/ai/provider/chat-complete';
import { anyChatProviderConfigured } from '@/lib/ai/provider/provider-config';
import { temperatureFor } from '@/lib/ai/models';
import type { ChatResult } from '@/lib/ai/provider/types';
import { buildChatMessages, buildSystemPrompt, type PromptInput } from '@/lib/runtime/build-prompt';
import { replyLanguage } from '@/lib/runtime/detect-language';
import { citeArticle, noAnswerText } from '@/lib/runtime/kb-only-reply';
import { ANSWER_TOKENS, historyBudget } from '@/lib/runtime/generate-reply';
import { trimToBudget } from '@/lib/runtime/estimate-tokens';
import { loadTurnContext } from '@/lib/runtime/load-turn-context';
import { rawQuery } from '@/lib/runtime/rewrite-query';
import type { AgentTurnConfig, TurnArticle, TurnConversation } from '@/lib/runtime/types';
import { searchGrounding } from './search-grounding';
import type { UnansweredMessage } from './find-unanswered-messages';

/** A model reply with no relevant passage behind it. */
export const UNGROUNDED_CONFIDENCE = 0.35;

export interface QuickReplyDraft {
  content: string;
  confidence: number;
  mode: 'model' | 'kb_only';
  articles: TurnArticle[];
  call: ChatResult | null;
}

const ALL_KNOWLEDGE: AgentTurnConfig['knowledge'] = { allCategories: true, categoryIds: [], noAnswerMessage: null, createTaskIfNoAnswer: false };

const TASK =
  '# Your task now\nA human operator of the business will read what you write and may send it to the customer as is. ' +
  'Write only that reply to the customer’s latest unanswered message(s): no notes to the operator, no quotes around it.';

export async function draftQuickReply(
  workspaceId: string,
  conversation: TurnConversation,
  config: AgentTurnConfig | null,
  unanswered: UnansweredMessage[],
  signal?: AbortSignal,
): Promise<QuickReplyDraft | null> {
  assertNoTransaction('draftQuickReply');
  const actor = systemActor('agent-runtime', workspaceId);
  const texts = unanswered.map((m) => m.content);
  const language = replyLanguage(config?.agent ?? { autoDetectLanguage: true, responseLanguage: null }, texts).language;
  const knowledge = config?.knowledge ?? ALL_KNOWLEDGE;
  const grounding = await searchGrounding(actor, knowledge, rawQuery(texts));
  const kbOnly = !config || config.agent.kbOnly || !(await anyChatProviderConfigured(workspaceId));

  if (kbOnly) {
    const best = grounding.articles[0];
    if (!best) return null;
    return { content: citeArticle(best, language), confidence: grounding.confidence, mode: 'kb_only', articles: [best], call: null };
  }

  const ctx = await loadTurnContext(actor, conversation, config, { newMessageIds: unanswered.map((m) => m.id), stageId: conversation.stageId });
  const noAnswer = noAnswerText(config.knowledge.noAnswerMessage, language);
  const prompt: PromptInput = {
    agentName: config.agent.name,
    instructions: config.agent.systemInstructions,
    language,
    stage: ctx.stage ? { name: ctx.stage.name, instruction: ctx.stage.instruction } : null,
    companyKnowledge: config.companyKnowledge,
    scripts: config.scripts.map((s) => ({ name: s.name, script: s.script, forThisStage: !!ctx.stage && (s.stage === ctx.stage.id || s.stage === ctx.stage.code) })),
    objections: config.objections,
    dealFields: ctx.dealFields,
    contactFields: ctx.contactFields,
    facts: ctx.facts,
    passages: grounding.articles.map((a) => ({ articleId: a.id, title: a.title, text: a.passage ?? '' })),
    noAnswerMessage: noAnswer,
    tools: false,
  };
  const system = `${buildSystemPrompt(prompt)}\n\n${TASK}`;
  const { kept } = trimToBudget(ctx.history, historyBudget(config.agent.model, system));
  const call = await chatComplete({
    modelId: config.agent.model,
    purpose: 'suggest',
    workspaceId,
    messages: buildChatMessages(system, kept),
    temperature: temperatureFor(config.agent.model, config.agent.creativityLevel),
    maxTokens: ANSWER_TOKENS,
    signal,
  });
  const content = call.content.trim();
  if (!content) return null;
  return {
    content: content.slice(0, 4096),
    confidence: grounding.articles.length ? grounding.confidence : UNGROUNDED_CONFIDENCE,
    mode: 'model',
    articles: grounding.articles,
    call,
  };
}
