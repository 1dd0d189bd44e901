// The site-chat connection as the API shows it (docs/channels-api.md `Integration`): never a
// secret (the widget has none), with the script tag to paste into the site.
import { integrations } from '@/lib/db/schema/integrations';
import { appUrl } from '@/lib/env';
import { readWebChatConfig, widgetSnippet } from './widget-config';

/** The columns members may read (the secrets are not among them: select them and RLS refuses). */
export const integrationColumns = {
  id: integrations.id,
  workspaceId: integrations.workspaceId,
  isActive: integrations.isActive,
  isConnected: integrations.isConnected,
  config: integrations.config,
  name: integrations.name,
  pipelineId: integrations.pipelineId,
  publicKey: integrations.publicKey,
  webhookStatus: integrations.webhookStatus,
  lastInboundAt: integrations.lastInboundAt,
  lastOutboundAt: integrations.lastOutboundAt,
  lastError: integrations.lastError,
  lastErrorAt: integrations.lastErrorAt,
  createdAt: integrations.createdAt,
  updatedAt: integrations.updatedAt,
};

type IntegrationRow = { [K in keyof typeof integrationColumns]: (typeof integrations.$inferSelect)[K] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentWebChat(row: IntegrationRow) {
  const base = appUrl();
  const config = readWebChatConfig(row.config);
  return {
    id: row.id,
    type: 'web_chat' as const,
    name: row.name,
    is_active: row.isActive,
    is_connected: row.isConnected,
    pipeline_id: row.pipelineId,
    public_key: row.publicKey,
    config: { ...config, snippet: row.publicKey ? widgetSnippet(base, row.publicKey) : null },
    webhook_url: null,
    health: {
      webhook_status: row.webhookStatus,
      last_inbound_at: iso(row.lastInboundAt),
      last_outbound_at: iso(row.lastOutboundAt),
      last_error: row.lastError,
      last_error_at: iso(row.lastErrorAt),
    },
    // The script is loaded by https sites: from an http app it would be blocked as mixed content.
    warnings: base.startsWith('http://') ? ['app_url_not_https'] : [],
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type WebChatIntegration = ReturnType<typeof presentWebChat>;
