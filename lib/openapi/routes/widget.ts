// The site chat widget (docs/channels-api.md, issue 9): connecting it, and the public endpoints
// the script on the business's site talks to (per-key CORS, no cookies).
import { z } from 'zod';
import { defineRoute } from '../registry';
import { widgetSettingsShape, WIDGET_TEXT_MAX, MAX_ALLOWED_ORIGINS } from '@/lib/channels/web-chat/widget-config';

const ts = z.string().meta({ format: 'date-time' });
const webChatIntegration = z.object({
  id: z.uuid(),
  type: z.literal('web_chat'),
  name: z.string().nullable(),
  is_active: z.boolean(),
  is_connected: z.boolean(),
  pipeline_id: z.uuid().nullable(),
  public_key: z.string().meta({ example: 'wk_Q2xhdWRlIHdhcyBoZXJlIDopIQ' }),
  config: z.object({
    allowed_origins: z.array(z.string()),
    title: z.string().nullable(),
    greeting: z.string().nullable(),
    color: z.string().nullable(),
    snippet: z.string().meta({ example: '<script src="https://app.example.kz/widget.js" data-key="wk_…" async></script>' }),
  }),
  webhook_url: z.null(),
  health: z.object({
    webhook_status: z.string(),
    last_inbound_at: ts.nullable(),
    last_outbound_at: ts.nullable(),
    last_error: z.string().nullable(),
    last_error_at: ts.nullable(),
  }),
  warnings: z.array(z.string()).describe('app_url_not_https: the script would be mixed content on https sites'),
  created_at: ts,
  updated_at: ts,
});

defineRoute({
  method: 'post',
  path: '/api/integrations/web_chat/connect',
  tag: 'Integrations',
  summary:
    'Connect (or reconfigure) the site chat: exact allowed origins (https, or http://localhost / 127.0.0.1 for development; 422 validation_error naming the entry, e.g. allowed_origins.1), title, greeting, color. 201 with public_key (kept on reconnect) and config.snippet',
  permission: 'integrations.write',
  status: 201,
  body: z.object({
    name: z.string().max(255).optional(),
    pipeline_id: z.uuid().nullable().optional(),
    allowed_origins: z.array(z.string().meta({ example: 'https://shop.example.kz' })).min(1).max(MAX_ALLOWED_ORIGINS),
    ...widgetSettingsShape,
  }),
  response: webChatIntegration,
});

const publicMessage = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'agent', 'operator']),
  text: z.string(),
  created_at: ts,
  status: z.string().describe('user: received; replies: sent | delivered | read'),
});
const tag = 'Widget (public)';
const cors =
  'Public, no cookies. The Origin header must be one of the connection’s allowed_origins (403 origin_not_allowed; preflight OPTIONS answers that origin only); unknown key 404, switched-off chat 410 connection_inactive.';

defineRoute({
  method: 'post',
  path: '/api/widget/:key/session',
  tag,
  summary: `Open the visitor's session: the given visitor_token (a new one when absent or malformed), their conversation and visible history, the widget settings. ${cors}`,
  params: { key: 'string' },
  body: z.object({ visitor_token: z.string().optional() }),
  response: z.object({
    visitor_token: z.string().describe('32 random bytes, base64url; only its sha256 is stored'),
    conversation_id: z.uuid().nullable(),
    messages: z.array(publicMessage),
    settings: z.object({ title: z.string().nullable(), greeting: z.string().nullable(), color: z.string().nullable() }),
  }),
});
defineRoute({
  method: 'post',
  path: '/api/widget/:key/messages',
  tag,
  summary: `The visitor writes: stored through the inbound path (idempotent by client_message_id), the agent's reply arrives on the stream. Text up to ${WIDGET_TEXT_MAX} characters (422). Rate-limited per visitor (RATE_LIMIT_WIDGET_PER_MIN) and per address: 429 with Retry-After. ${cors}`,
  params: { key: 'string' },
  status: 202,
  body: z.object({ visitor_token: z.string(), text: z.string().max(WIDGET_TEXT_MAX), client_message_id: z.string().max(100) }),
  response: z.object({ message: publicMessage }),
});
defineRoute({
  method: 'get',
  path: '/api/widget/:key/stream',
  tag,
  summary: `Server-sent events (text/event-stream) of the visitor's own conversation: \`event: message\` with a PublicMessage as data and \`id: <seq>\`; \`event: ready\` once caught up; \`event: reset\` when the history must be reloaded; \`: ping\` every 15 s. Resume with Last-Event-ID (or ?after=). Drafts, rejected/failed replies, notes and the turn trace never appear. ${cors}`,
  params: { key: 'string' },
  query: z.object({ visitor_token: z.string(), after: z.string().optional() }),
  response: publicMessage,
});
