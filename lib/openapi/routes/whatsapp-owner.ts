// WhatsApp Business Cloud API connection and webhook; owner notifications in Telegram (seed 003).
import { z } from 'zod';
import { connectWhatsAppSchema } from '@/lib/channels/whatsapp/schemas';
import { defineRoute } from '../registry';

const integration = z.object({
  id: z.uuid(),
  type: z.literal('whatsapp'),
  name: z.string().nullable(),
  is_active: z.boolean(),
  is_connected: z.boolean(),
  pipeline_id: z.uuid().nullable(),
  public_key: z.string().nullable(),
  config: z.object({
    phone_number_id: z.string(),
    display_phone_number: z.string().nullable(),
    verified_name: z.string().nullable(),
    verify_token: z.string().meta({ description: "Paste into Meta's dashboard with webhook_url (not a secret of ours)" }),
  }),
  webhook_url: z.string(),
  health: z.object({
    webhook_status: z.enum(['none', 'set', 'polling', 'failed']),
    last_inbound_at: z.string().nullable(),
    last_outbound_at: z.string().nullable(),
    last_error: z.string().nullable(),
    last_error_at: z.string().nullable(),
  }),
  warnings: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

defineRoute({
  method: 'post',
  path: '/api/integrations/whatsapp/connect',
  tag: 'Integrations',
  summary:
    'Connect a WhatsApp Business number (Cloud API): the token is checked with Meta (400 invalid_access_token / invalid_phone_number_id, 502 provider_unreachable); token and app secret are stored sealed and never returned',
  permission: 'integrations.write',
  body: connectWhatsAppSchema,
  status: 201,
  response: integration,
});
defineRoute({
  method: 'get',
  path: '/api/webhooks/whatsapp/:connectionId',
  tag: 'Webhooks',
  summary: "Meta's verification handshake: hub.mode=subscribe, hub.verify_token (this connection's), hub.challenge → the challenge as text/plain; 403 otherwise",
  params: { connectionId: 'uuid' },
  query: z.object({ 'hub.mode': z.string(), 'hub.verify_token': z.string(), 'hub.challenge': z.string() }),
  response: z.string(),
});
defineRoute({
  method: 'post',
  path: '/api/webhooks/whatsapp/:connectionId',
  tag: 'Webhooks',
  summary:
    'Messages and statuses from Meta, signed with X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret; 401 otherwise, nothing stored); each message / status stored once',
  params: { connectionId: 'uuid' },
  body: z.object({ object: z.literal('whatsapp_business_account'), entry: z.array(z.unknown()) }),
  response: z.object({ ok: z.literal(true), stored: z.number().int(), duplicates: z.number().int() }),
});

const linkStatus = z.object({
  available: z.boolean().meta({ description: 'The workspace has an active Telegram bot' }),
  bot_username: z.string().nullable(),
  linked: z.boolean(),
  chat_username: z.string().nullable(),
  linked_at: z.string().nullable(),
});
defineRoute({ method: 'get', path: '/api/user/telegram', tag: 'User', summary: "The caller's Telegram chat for owner notifications in this workspace", permission: 'workspace.read', response: linkStatus });
defineRoute({
  method: 'post',
  path: '/api/user/telegram/link',
  tag: 'User',
  summary: 'A one-time code (10 minutes, one use) and the deep link https://t.me/<bot>?start=<code>; 409 telegram_not_connected without an active bot',
  permission: 'workspace.read',
  response: z.object({ code: z.string(), expires_at: z.string(), deep_link: z.string() }),
});
defineRoute({ method: 'delete', path: '/api/user/telegram', tag: 'User', summary: 'Stop owner notifications in Telegram for the caller', permission: 'workspace.read', response: z.object({ unlinked: z.literal(true) }) });
