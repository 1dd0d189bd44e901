// A follow-up chain step's update_field (issue 10): the owner's instruction names a CRM field of
// the dialog's deal or contact and its value. It goes through the runtime's own tool path — the
// policy layer checks it against the agent's update rules (the allow-list, with each rule's
// overwrite), the CRM adapter writes it, a timeline event records it with source `agent`.
//
// The instruction is read without the model when it is written as `field = value` (or
// `deal.field = value`, `contact.field: value`); otherwise, when a model is configured, the model
// turns it into one update_field call offered only the allowed fields (one AI response from the
// quota). Call outside any transaction.
import { assertNoTransaction, systemActor } from '@/lib/db/actor';
import { chatComplete } from '@/lib/ai/provider/chat-complete';
import { ProviderError } from '@/lib/ai/provider/types';
import { anyChatProviderConfigured } from '@/lib/ai/provider/provider-config';
import { loadTurnConfig, loadTurnConversation } from './load-turn-config';
import { notifyQuotaExceeded, refundAiResponse, takeAiResponse } from './ai-quota';
import { buildTools } from './tools/build-tools';
import { executeToolCall } from './tools/execute-tool-call';
import type { TurnState, TurnToolCall } from './types';

export type InstructedFieldResult =
  | { result: 'done'; entity: string; field: string; value: unknown }
  | { result: 'skipped' | 'failed'; reason: string; entity?: string; field?: string };

const PLAIN = /^\s*(?:(deal|contact|сделка|контакт)\s*\.\s*)?([A-Za-z_][A-Za-z0-9_]{0,99})\s*[=:]\s*(\S.*?)\s*$/isu;

/** `deal.budget = 5000` → {entity: 'deal', field: 'budget', value: '5000'}; null when not written so. */
export function parseFieldInstruction(text: string): { entity: 'deal' | 'contact'; field: string; value: string } | null {
  const m = PLAIN.exec(text);
  // "Note: call them back" is prose: a colon counts only after an entity (contact.city: …).
  if (!m || (!m[1] && /^[^=]*:/.test(text))) return null;
  const entity = m[1] && /^(contact|контакт)$/i.test(m[1]) ? 'contact' : 'deal';
  const value = m[3].replace(/^(["'«])(.*)(["'»])$/su, '$2');
  return { entity, field: m[2], value };
}

export async function applyInstructedField(
  workspaceId: string,
  conversationId: string,
  input: { agentId: string; instruction: string; now: Date },
): Promise<InstructedFieldResult> {
  assertNoTransaction('applyInstructedField');
  const actor = systemActor('agent-runtime', workspaceId);
  const conversation = await loadTurnConversation(actor, conversationId);
  const config = await loadTurnConfig(actor, input.agentId);
  const state: TurnState = {
    workspaceId,
    actor,
    config,
    conversation,
    now: input.now,
    trace: {
      mode: 'model',
      language: 'ru',
      queries: [],
      semantic: false,
      articles: [],
      triggers: [],
      tools: [],
      fields_changed: [],
      no_answer: false,
      task_ids: [],
      answered_message_ids: [],
      timings: { total_ms: 0, model_ms: 0, search_ms: 0 },
    },
  };

  let args: Record<string, unknown> | null = parseFieldInstruction(input.instruction);
  if (!args) {
    if (!config.updateRules.length) return { result: 'skipped', reason: 'field_not_allowed' };
    if (config.agent.kbOnly || !(await anyChatProviderConfigured(workspaceId))) return { result: 'skipped', reason: 'instruction_not_understood' };
    if (!(await takeAiResponse(actor))) {
      await notifyQuotaExceeded(actor);
      return { result: 'skipped', reason: 'quota_exceeded' };
    }
    try {
      const tool = buildTools(state).find((t) => t.name === 'update_field')!;
      const res = await chatComplete({
        modelId: config.agent.model,
        purpose: 'chain_followup',
        workspaceId,
        messages: [
          { role: 'system', content: 'The business owner asks for one CRM field change in this dialog. Make it with one update_field call; use only the fields the tool allows.' },
          { role: 'user', content: input.instruction },
        ],
        tools: [tool],
        toolChoice: { name: 'update_field' },
        temperature: 0,
        maxTokens: 300,
      });
      const call = res.toolCalls[0];
      args = call && call.arguments && typeof call.arguments === 'object' ? (call.arguments as Record<string, unknown>) : null;
    } catch (err) {
      await refundAiResponse(actor);
      if (err instanceof ProviderError) return { result: 'failed', reason: err.code };
      throw err;
    }
    if (!args) return { result: 'skipped', reason: 'instruction_not_understood' };
  }
  await executeToolCall(state, { name: 'update_field', arguments: args }, 'chain');
  const done = state.trace.tools.at(-1) as TurnToolCall | undefined;
  const entity = String(args.entity ?? '');
  const field = String(args.field ?? '');
  if (done?.status === 'applied') return { result: 'done', entity, field, value: state.trace.fields_changed.at(-1)?.new_value ?? args.value };
  // Refused by the allow-list, or nothing to change (filled, unchanged): skipped, with the reason.
  return { result: done?.status === 'skipped' || done?.status === 'refused' ? 'skipped' : 'failed', reason: done?.reason ?? 'failed', entity, field };
}
