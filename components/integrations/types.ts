// The Integration shape of docs/channels-api.md (never a secret), and the query keys of the page.
export const CHANNEL_KINDS = ['telegram', 'whatsapp', 'web_chat'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type WebhookStatus = 'none' | 'set' | 'polling' | 'failed';

export interface IntegrationHealth {
  webhook_status: WebhookStatus | null;
  last_inbound_at: string | null;
  last_outbound_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export interface IntegrationConfig {
  bot_username?: string;
  mode?: 'webhook' | 'polling';
  phone_number_id?: string;
  verify_token?: string;
  allowed_origins?: string[];
  title?: string;
  greeting?: string;
  color?: string;
  snippet?: string;
  [key: string]: unknown;
}

export interface Integration {
  id: string;
  type: ChannelKind | string;
  name: string | null;
  is_active: boolean;
  is_connected: boolean;
  pipeline_id: string | null;
  public_key: string | null;
  config: IntegrationConfig;
  webhook_url: string | null;
  health: IntegrationHealth;
  warnings?: string[];
  created_at: string;
  updated_at: string;
}

export interface PipelineOption {
  id: string;
  name: string;
  is_default: boolean;
}

export const integrationKeys = {
  all: ['integrations'] as const,
  list: () => ['integrations', 'list'] as const,
  pipelines: () => ['integrations', 'pipelines'] as const,
};

export function isChannelKind(v: unknown): v is ChannelKind {
  return typeof v === 'string' && (CHANNEL_KINDS as readonly string[]).includes(v);
}
