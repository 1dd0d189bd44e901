// Messenger connections and the Telegram webhook (docs/channels-api.md "Integrations", issue 9).
import { z } from 'zod';
import { defineRoute } from '../registry';
import { listIntegrationsQuery } from '@/lib/channels/connections/list-integrations';
import { connectTelegramSchema, integrationConfigSchema, toggleIntegrationSchema } from '@/lib/channels/connections/schemas';

const ts = z.string().meta({ format: 'date-time' });
const example = {
  id: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
  type: 'telegram',
  name: 'Бот магазина',
  is_active: true,
  is_connected: true,
  pipeline_id: '7c6b5a49-3827-4165-9d8c-7b6a5f4e3d2c',
  public_key: null,
  config: { bot_id: 7012345678, bot_username: 'remont_almaty_bot', bot_name: 'Ремонт Алматы', mode: 'webhook' },
  webhook_url: 'https://crm.example.kz/api/webhooks/telegram/3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
  health: { webhook_status: 'set', last_inbound_at: '2026-11-30T09:12:00.000Z', last_outbound_at: '2026-11-30T09:12:05.000Z', last_error: null, last_error_at: null },
  warnings: [],
  created_at: '2026-11-29T10:00:00.000Z',
  updated_at: '2026-11-29T10:00:00.000Z',
};
export const integration = z
  .object({
    id: z.uuid(),
    type: z.enum(['telegram', 'whatsapp', 'web_chat']),
    name: z.string().nullable(),
    is_active: z.boolean().describe('Off: the webhook answers 410 and nothing is sent through it'),
    is_connected: z.boolean(),
    pipeline_id: z.uuid().nullable().describe('New conversations from this channel start in this pipeline'),
    public_key: z.string().nullable().describe('web_chat: the widget key (wk_…)'),
    config: z
      .record(z.string(), z.unknown())
      .describe('Non-secret settings. telegram: bot_id, bot_username, bot_name, mode; whatsapp: phone_number_id, verify_token; web_chat: allowed_origins, title, greeting, color, snippet'),
    webhook_url: z.string().nullable().describe('Where the provider posts updates (null for the widget and in polling mode)'),
    health: z.object({
      webhook_status: z.enum(['none', 'set', 'polling', 'failed']),
      last_inbound_at: ts.nullable(),
      last_outbound_at: ts.nullable(),
      last_error: z.string().nullable(),
      last_error_at: ts.nullable(),
    }),
    warnings: z.array(z.string()).describe('app_url_not_https: APP_URL is http:// — providers deliver webhooks to https only and https sites block a widget loaded over http'),
    created_at: ts,
    updated_at: ts,
  })
  .meta({ example });

const tag = 'Integrations';
const type = { type: 'string' } as const;
defineRoute({ method: 'get', path: '/api/integrations', tag, summary: 'The workspace’s messenger connections with health (never a secret)', permission: 'integrations.read', query: listIntegrationsQuery, response: z.object({ data: z.array(integration) }) });
defineRoute({ method: 'get', path: '/api/integrations/:type', tag, summary: 'One connection by type (telegram, whatsapp, web_chat); 404 when not connected', permission: 'integrations.read', params: type, response: integration });
defineRoute({
  method: 'post',
  path: '/api/integrations/telegram/connect',
  tag,
  summary:
    'Connect (or reconnect) a Telegram bot: getMe checks the token (400 invalid_bot_token, 502 provider_unreachable), the webhook is registered with a secret and allowed_updates ["message"] (TELEGRAM_MODE=polling: none)',
  permission: 'integrations.write',
  body: connectTelegramSchema,
  status: 201,
  response: integration,
});
defineRoute({
  method: 'delete',
  path: '/api/integrations/:type/disconnect',
  tag,
  summary: 'Disconnect: the provider side is undone best effort (Telegram deleteWebhook), the connection and its secrets are deleted; conversations keep their history',
  permission: 'integrations.write',
  params: type,
  response: z.object({ disconnected: z.literal(true) }),
});
defineRoute({ method: 'patch', path: '/api/integrations/:type/toggle', tag, summary: 'Switch a connection on or off', permission: 'integrations.write', params: type, body: toggleIntegrationSchema, response: integration });
defineRoute({
  method: 'patch',
  path: '/api/integrations/:type/config',
  tag,
  summary: 'Name, pipeline (one of the workspace’s) and type-specific non-secret settings (web_chat: allowed_origins, title, greeting, color)',
  permission: 'integrations.write',
  params: type,
  body: integrationConfigSchema,
  response: integration,
});

defineRoute({
  method: 'post',
  path: '/api/webhooks/telegram/:connectionId',
  tag: 'Webhooks',
  summary:
    'Telegram updates (called by Telegram). X-Telegram-Bot-Api-Secret-Token must match (401, nothing stored); body ≤ 1 MiB (413); invalid JSON 400; unknown connection 404; switched off 410; stored once per update_id → 200 {ok:true}',
  params: { connectionId: 'uuid' },
  body: z.object({ update_id: z.number().int() }).loose(),
  response: z.object({ ok: z.literal(true) }),
});
