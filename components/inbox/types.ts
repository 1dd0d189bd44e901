// JSON shapes the inbox reads (docs/crm-api.md + docs/channels-api.md) and its query keys.
import type { Deal, Ref } from '@/components/crm/deals/types';
import type { Holder } from '@/lib/channels/takeover/describe-holder';
import type { TurnTrace } from '@/lib/runtime/types';

export type { Holder };

/** Reasons a human hold carries when it is a takeover (not a pause with the member's own words). */
const TAKEOVER_REASONS = ['takeover', 'human_reply'];

/** The holder as the inbox shows it: a human hold with the member's own reason is a pause. */
export function shownKind(h: Holder): Holder['kind'] {
  return h.kind === 'human' && h.reason && !TAKEOVER_REASONS.includes(h.reason) ? 'paused' : h.kind;
}

export interface InboxConversation extends Deal {
  holder?: Holder | null;
  paused_by?: string | null;
  pause_reason?: string | null;
}

export interface Attachment {
  kind?: string;
  key?: string;
  url?: string;
  name?: string;
  mime_type?: string;
  size?: number;
  duration_seconds?: number;
  transcript?: string;
}

export interface InboxMessage {
  id: string;
  type: 'message';
  role: 'user' | 'agent' | 'operator' | 'system';
  direction: 'inbound' | 'outbound';
  content: string;
  content_type?: string | null;
  attachments: Attachment[];
  sender_name: string | null;
  operator: Ref;
  status: string | null;
  error: string | null;
  requires_approval?: boolean;
  created_at: string;
  model?: string | null;
  provider?: string | null;
  tokens_in?: number | null;
  tokens_out?: number | null;
  tokens_used?: number | null;
  cost_usd?: number | string | null;
  response_time_ms?: number | null;
  turn?: TurnTrace | null;
}

/** The URL's list filters (?status=…&channel_type=…&unread=true…). */
export const INBOX_FILTER_KEYS = ['search', 'status', 'channel_type', 'agent_id', 'responsible', 'unread', 'needs_human'] as const;
export type InboxFilterKey = (typeof INBOX_FILTER_KEYS)[number];
export type InboxFilters = Partial<Record<InboxFilterKey, string>>;

export const inboxKeys = {
  all: ['inbox'] as const,
  lists: () => ['inbox', 'list'] as const,
  list: (filters: InboxFilters) => ['inbox', 'list', filters] as const,
  conversation: (id: string) => ['inbox', 'conversation', id] as const,
  messages: (id: string) => ['inbox', 'messages', id] as const,
};
