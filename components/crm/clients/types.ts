// JSON shapes of the clients API (docs/crm-api.md) as the pages read them, and their query keys.
export const CHANNEL_TYPES = ['telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'email', 'instagram'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
export const CLIENT_TYPES = ['new', 'regular', 'inactive'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];
export const CLIENT_STATUSES = ['active', 'inactive'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export const RELATION_TYPES = ['spouse', 'parent', 'child', 'relative', 'colleague', 'friend', 'referral', 'other'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface PersonRef {
  id: string;
  name: string;
}

export interface ClientChannel {
  id: string;
  channel_type: ChannelType;
  external_id: string;
  username: string | null;
}

export interface ClientListItem {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  status: ClientStatus;
  type: ClientType;
  responsible: PersonRef | null;
  channels: ChannelType[];
  active_dialogs_count: number;
  total_dialogs_count: number;
  last_contact_at: string | null;
  created_at: string;
}

export interface StageRef {
  id: string;
  code: string;
  name: string;
  color: string;
  kind: 'open' | 'won' | 'lost';
}

export interface DialogItem {
  id: string;
  title: string | null;
  channel: ChannelType | string | null;
  status: 'active' | 'paused' | 'closed';
  stage: StageRef | null;
  price: number | null;
  currency: string | null;
  last_message_at: string | null;
  created_at: string;
}

export interface Task {
  id: string;
  text: string;
  due_at: string | null;
  responsible_user_id: string | null;
  responsible: PersonRef | null;
  client_id: string | null;
  conversation_id: string | null;
  done: boolean;
  done_at: string | null;
  overdue: boolean;
  source: string;
  created_at: string;
}

export interface Note {
  id: string;
  text: string;
  client_id: string | null;
  conversation_id: string | null;
  author: PersonRef | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface Fact {
  id: string;
  text: string;
  source: string;
  created_at: string;
}

export interface Relation {
  id: string;
  client_id: string;
  name: string;
  relation_type: RelationType;
  direction: 'outgoing' | 'incoming';
}

export interface Client extends Omit<ClientListItem, 'channels'> {
  avatar_url: string | null;
  city: string | null;
  language: string | null;
  custom_fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  channels: ClientChannel[];
  version: number;
  facts: Fact[];
  relations: Relation[];
  dialogs: DialogItem[];
  metrics: {
    total_dialogs: number;
    completed_dialogs: number;
    total_spent: number;
    first_contact_at: string | null;
    last_contact_at: string | null;
  };
  tasks: Task[];
  notes: Note[];
}

export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'boolean', 'select', 'multiselect', 'phone', 'email', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface CrmField {
  id: string;
  entity_type: 'deal' | 'contact';
  code: string;
  name: string;
  field_type: FieldType;
  options: string[];
  is_required: boolean;
  description: string | null;
  order_index: number;
}

export interface CrmEvent {
  id: string;
  type: string;
  dialog_id: string | null;
  client_id: string | null;
  source: string;
  actor: PersonRef | null;
  payload: Record<string, unknown>;
  created_at: string;
}

export interface Member {
  user_id: string;
  full_name: string | null;
  email: string;
}

export interface ClientFilters {
  search: string;
  status: ClientStatus | 'all';
  type: ClientType | 'all';
  responsible: string; // 'all' | 'me' | 'none' | uuid
  activeOnly: boolean;
}

/** Query params of the list and the export for these filters (empty ones left out). */
export function filterParams(f: ClientFilters) {
  return {
    search: f.search.trim(),
    status: f.status === 'all' ? undefined : f.status,
    type: f.type === 'all' ? undefined : f.type,
    responsible: f.responsible === 'all' ? undefined : f.responsible,
    has_active_dialogs: f.activeOnly ? 'true' : undefined,
  };
}

export const clientKeys = {
  all: ['clients'] as const,
  list: (params: object) => ['clients', 'list', params] as const,
  card: (id: string) => ['clients', 'card', id] as const,
  events: (id: string) => ['clients', 'events', id] as const,
  fields: ['crm', 'fields', 'contact'] as const,
  members: ['team', 'members'] as const,
};
