// The model's reply of a turn (issue 8, step 3): the prompt (instructions first, data in
// blocks), the history trimmed to what the model's context leaves, the agent's temperature,
// streaming deltas to the caller. Tools, when offered, run in rounds: each call the model makes
// is executed (the policy layer decides) and its result sent back, at most MAX_TOOL_ROUNDS times.
import { chatComplete } from '@/lib/ai/provider/chat-complete';
import type { ChatMessage, ChatPurpose, ChatResult, ChatToolDef } from '@/lib/ai/provider/types';
import { modelContextTokens, temperatureFor } from '@/lib/ai/models';
import { buildChatMessages, buildSystemPrompt, type PromptInput } from './build-prompt';
import { estimateTokens, trimToBudget } from './estimate-tokens';
import type { TurnHistoryMessage } from './load-turn-context';
import type { AgentTurnConfig, TurnStreamEvent } from './types';

export const MAX_TOOL_ROUNDS = 4;
export const ANSWER_TOKENS = 1024;
/** Room kept for the tool definitions and the chat format. */
export const PROMPT_MARGIN_TOKENS = 1500;
export const MIN_HISTORY_TOKENS = 400;

export interface GenerateInput {
  workspaceId: string;
  agent: AgentTurnConfig['agent'];
  prompt: PromptInput;
  history: TurnHistoryMessage[];
  tools: ChatToolDef[];
  executeTool?: (call: { name: string; arguments: unknown }) => Promise<{ output: string }>;
  onEvent?: (event: TurnStreamEvent) => void;
  signal?: AbortSignal;
  /** Default `reply`; a chain's follow-up says `chain_followup`. */
  purpose?: ChatPurpose;
}

export interface GenerateOutput {
  content: string;
  calls: ChatResult[];
  /** Messages of the history left out to fit the context. */
  historyDropped: number;
}

/** How many tokens the history may take for this model, given the system prompt. */
export function historyBudget(modelId: string, systemPrompt: string): number {
  return Math.max(MIN_HISTORY_TOKENS, modelContextTokens(modelId) - estimateTokens(systemPrompt) - ANSWER_TOKENS - PROMPT_MARGIN_TOKENS);
}

export async function generateReply(input: GenerateInput): Promise<GenerateOutput> {
  const system = buildSystemPrompt(input.prompt);
  const { kept, dropped } = trimToBudget(input.history, historyBudget(input.agent.model, system));
  const messages: ChatMessage[] = buildChatMessages(system, kept);
  const temperature = temperatureFor(input.agent.model, input.agent.creativityLevel);
  const calls: ChatResult[] = [];
  let writing = false;
  const onDelta = (text: string) => {
    if (!writing) {
      writing = true;
      input.onEvent?.({ type: 'status', stage: 'writing' });
    }
    input.onEvent?.({ type: 'delta', text });
  };
  input.onEvent?.({ type: 'status', stage: 'thinking' });
  for (let round = 0; ; round++) {
    const last = round >= MAX_TOOL_ROUNDS || !input.executeTool || input.tools.length === 0;
    const res = await chatComplete({
      modelId: input.agent.model,
      purpose: input.purpose ?? 'reply',
      workspaceId: input.workspaceId,
      messages,
      ...(input.tools.length && input.executeTool ? { tools: input.tools, toolChoice: last ? ('none' as const) : ('auto' as const) } : {}),
      temperature,
      maxTokens: ANSWER_TOKENS,
      onDelta,
      signal: input.signal,
    });
    calls.push(res);
    if (!res.toolCalls.length || last) return { content: res.content.trim(), calls, historyDropped: dropped };
    input.onEvent?.({ type: 'status', stage: 'acting' });
    messages.push({ role: 'assistant', content: res.content || null, tool_calls: res.toolCalls });
    for (const call of res.toolCalls) {
      let output: string;
      try {
        output = (await input.executeTool!({ name: call.name, arguments: call.arguments ?? call.rawArguments })).output;
      } catch (err) {
        output = JSON.stringify({ ok: false, error: 'tool_failed', message: err instanceof Error ? err.message : String(err) });
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content: output });
    }
  }
}
