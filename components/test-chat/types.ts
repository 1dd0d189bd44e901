// The test chat's API shapes (docs/runtime-api.md "Test chat"), from the functions that produce them.
import type { Message } from '@/lib/crm/messages/present-message';
import type { Conversation, ConversationListItem } from '@/lib/crm/conversations/load-conversations';
import type { SkipReason, TurnError, TurnOutcome, TurnTrace } from '@/lib/runtime/types';

/** A message with the runtime's extras (present on agent replies). */
export type ChatMessage = Message & {
  provider?: string | null;
  tokens_in?: number | null;
  tokens_out?: number | null;
  cost_usd?: number | string | null;
  turn?: TurnTrace | null;
};

export interface TurnResponse {
  conversation_id: string;
  customer_message: ChatMessage;
  message: ChatMessage | null;
  outcome: TurnOutcome;
  skipped?: SkipReason;
  error?: TurnError;
}

export type TestConversationItem = ConversationListItem;
export interface TestConversation {
  conversation: Conversation;
  messages: ChatMessage[];
}

export const SIM_CHANNELS = ['test', 'telegram', 'whatsapp', 'web_chat'] as const;
export type SimChannel = (typeof SIM_CHANNELS)[number];

export const chatKeys = {
  all: ['testChat'] as const,
  lists: () => ['testChat', 'list'] as const,
  list: (agentId: string) => ['testChat', 'list', agentId] as const,
  conversation: (id: string) => ['testChat', 'conversation', id] as const,
};

/** What the chat shows while a turn is on its way. */
export interface PendingTurn {
  text: string;
  customer: ChatMessage | null;
  stage: string | null;
  reply: string;
}

export interface ChatFailure {
  code: string;
  status: number;
  customerMessageId?: string;
  used?: number;
  limit?: number;
}
