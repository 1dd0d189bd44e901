// Shapes of the CRM setup endpoints (docs/crm-api.md) as the setup pages read them.
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'boolean', 'select', 'multiselect', 'phone', 'email', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

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
  vertical_code: string | null;
  order_index: number;
  stages: Stage[];
  deals_count: number;
  agents: { id: string; name: string }[];
  created_at: string;
  updated_at: string;
}

export interface Field {
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

export interface VerticalStage {
  code: string;
  name: string;
  color: string;
  kind: StageKind;
}

export interface Vertical {
  code: string;
  name: string;
  intents: string[];
  stages: VerticalStage[];
  built_in: boolean;
  id: string | null;
}

export interface PriceItem {
  id: string;
  vertical_code: string | null;
  category: string;
  device_pattern: string;
  service_name: string;
  price_from: number;
  price_to: number | null;
  currency: string | null;
  duration_minutes: number | null;
  is_active: boolean;
  order_index: number;
}

export const crmKeys = {
  pipelines: () => ['crm', 'pipelines'] as const,
  fields: () => ['crm', 'fields'] as const,
  verticals: () => ['crm', 'verticals'] as const,
  priceList: (q?: Record<string, string>) => (q ? (['crm', 'price-list', q] as const) : (['crm', 'price-list'] as const)),
};

/** A row of the stages editor: `id` of a saved stage, `key` stable across edits for drag and drop. */
export interface StageDraft {
  key: string;
  id?: string;
  code: string;
  name: string;
  color: string;
  kind: StageKind;
}

export const STAGE_COLORS = ['#94a3b8', '#3b82f6', '#06b6d4', '#8b5cf6', '#f59e0b', '#f97316', '#ec4899', '#22c55e', '#ef4444'];
