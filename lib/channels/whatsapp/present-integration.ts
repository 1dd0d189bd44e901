// The Integration shape of docs/channels-api.md for a WhatsApp connection (never a secret).
import { appUrl } from '@/lib/env';

export interface IntegrationRow {
  id: string;
  integration_type: string;
  name: string | null;
  is_active: boolean;
  is_connected: boolean;
  pipeline_id: string | null;
  public_key: string | null;
  config: Record<string, unknown> | null;
  webhook_status: string;
  last_inbound_at: Date | string | null;
  last_outbound_at: Date | string | null;
  last_error: string | null;
  last_error_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function whatsappWebhookUrl(id: string): string {
  return `${appUrl().replace(/\/+$/, '')}/api/webhooks/whatsapp/${id}`;
}

export function presentWhatsAppIntegration(row: IntegrationRow) {
  const config = row.config ?? {};
  return {
    id: row.id,
    type: row.integration_type,
    name: row.name,
    is_active: row.is_active,
    is_connected: row.is_connected,
    pipeline_id: row.pipeline_id,
    public_key: row.public_key,
    config: {
      phone_number_id: config.phone_number_id ?? null,
      display_phone_number: config.display_phone_number ?? null,
      verified_name: config.verified_name ?? null,
      verify_token: config.verify_token ?? null,
    },
    webhook_url: whatsappWebhookUrl(row.id),
    health: {
      webhook_status: row.webhook_status,
      last_inbound_at: iso(row.last_inbound_at),
      last_outbound_at: iso(row.last_outbound_at),
      last_error: row.last_error,
      last_error_at: iso(row.last_error_at),
    },
    warnings: appUrl().startsWith('https://') ? [] : ['app_url_not_https'],
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}
