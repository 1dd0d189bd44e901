// JSON shapes of the CRM API the deals pages read (docs/crm-api.md) and their query keys.
export type ChannelType = 'telegram' | 'whatsapp' | 'vk' | 'avito' | 'web_chat' | 'email' | 'instagram' | 'manual' | 'test';
export const CHANNELS: ChannelType[] = ['telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'email', 'instagram', 'manual', 'test'];
export type StageKind = 'open' | 'won' | 'lost';
export type DealStatus = 'active' | 'paused' | 'closed';
export const STATUSES: DealStatus[] = ['active', 'paused', 'closed'];

export interface Stage {
  id: string;
  pipeline_id: string;
  code: string;
  name: string;
  color: string;
  kind: StageKind;
  order_index: number;
}

export interface Pipeline {
  id: string;
  name: string;
  is_default: boolean;
  is_active: boolean;
  stages: Stage[];
  deals_count: number;
}

export type Ref = { id: string; name: string } | null;

export interface Deal {
  id: string;
  title: string | null;
  client: { id: string; name: string; phone: string | null; avatar_url: string | null };
  channel: ChannelType | null;
  status: DealStatus;
  pipeline_id: string | null;
  stage: { id: string; code: string; name: string; color: string; kind: StageKind } | null;
  price: number | null;
  currency: string | null;
  tags: string[];
  responsible: Ref;
  agent: Ref;
  context: Record<string, unknown>;
  unread_count: number;
  messages_count: number;
  last_message: { direction: string; content: string; created_at: string } | null;
  last_message_at: string | null;
  created_at: string;
  version: number;
}

export interface DealFull extends Deal {
  description: string | null;
  custom_fields: Record<string, unknown>;
  paused_by: string | null;
  pause_reason: string | null;
  closed_at: string | null;
  updated_at: string;
}

export interface BoardColumn {
  stage: Stage;
  total: number;
  total_price: number;
  deals: Deal[];
  next_cursor: string | null;
}

export interface Board {
  pipeline: Pipeline;
  columns: BoardColumn[];
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface Message {
  id: string;
  type: 'message';
  role: string;
  direction: 'inbound' | 'outbound';
  content: string;
  sender_name: string | null;
  operator: Ref;
  status: string | null;
  created_at: string;
}

export interface TimelineEvent {
  id: string;
  type: string;
  source: string;
  actor: Ref;
  payload: Record<string, unknown> | null;
  created_at: string;
}

export interface Task {
  id: string;
  text: string;
  due_at: string | null;
  responsible: Ref;
  done: boolean;
  overdue: boolean;
  created_at: string;
}

export interface Note {
  id: string;
  text: string;
  author: Ref;
  created_at: string;
}

export interface Field {
  id: string;
  entity_type: 'deal' | 'contact';
  code: string;
  name: string;
  field_type: string;
  options: string[];
  is_required: boolean;
}

export interface Member {
  user_id: string;
  full_name: string | null;
  email: string;
}

export interface ClientOption {
  id: string;
  name: string;
  phone: string | null;
}

/** Filters of the board, the table and the conversations list (the URL keeps them). */
export interface DealFilters {
  search?: string;
  stage_id?: string;
  responsible?: string;
  channel_type?: string;
  tag?: string;
  agent_id?: string;
  status?: string;
  date_from?: string;
  date_to?: string;
  price_min?: string;
  price_max?: string;
}

export const FILTER_KEYS: (keyof DealFilters)[] = [
  'search',
  'stage_id',
  'responsible',
  'channel_type',
  'tag',
  'agent_id',
  'status',
  'date_from',
  'date_to',
  'price_min',
  'price_max',
];

export const dealKeys = {
  all: ['crm-deals'] as const,
  pipelines: () => ['crm-deals', 'pipelines'] as const,
  board: (pipelineId: string, filters: DealFilters) => ['crm-deals', 'board', pipelineId, filters] as const,
  list: (params: Record<string, unknown>) => ['crm-deals', 'list', params] as const,
  deal: (id: string) => ['crm-deals', 'deal', id] as const,
  messages: (id: string) => ['crm-deals', 'messages', id] as const,
  events: (id: string) => ['crm-deals', 'events', id] as const,
  tasks: (id: string) => ['crm-deals', 'tasks', id] as const,
  notes: (id: string) => ['crm-deals', 'notes', id] as const,
  members: () => ['crm-deals', 'members'] as const,
  agents: () => ['crm-deals', 'agents'] as const,
  fields: () => ['crm-deals', 'fields'] as const,
};
