// Request shapes of the connections API (docs/channels-api.md "Integrations").
import { z } from 'zod';
import { notFound } from '@/lib/api/errors';
import { CHANNEL_TYPES, type ChannelType } from '../types';

const name = z.string().trim().min(1).max(255);

export const connectTelegramSchema = z.object({
  bot_token: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('The token @BotFather gave; stored encrypted, never shown again'),
  name: name.optional(),
  pipeline_id: z.uuid().nullable().optional().describe('New conversations from this bot start in this pipeline (default: the workspace default)'),
});
/** What a Bot API token looks like (`<bot id>:<secret>`); anything else is refused without asking Telegram. */
export const BOT_TOKEN_SHAPE = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
export type ConnectTelegramInput = z.infer<typeof connectTelegramSchema>;

export const toggleIntegrationSchema = z.object({ is_active: z.boolean() });

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An exact origin as a browser sends it, or null (the widget's rule: https anywhere, plain
 * http only for localhost; a trailing slash is forgiven, paths, queries and wildcards are not).
 */
export function exactOrigin(raw: string): string | null {
  const value = raw.trim().replace(/\/$/, '');
  if (!value || value.includes('*')) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return url.origin;
  return null;
}

const origin = z
  .string()
  .max(255)
  .transform((v, ctx) => {
    const o = exactOrigin(v);
    if (!o) {
      ctx.addIssue({ code: 'custom', message: 'An exact origin: https://shop.example, or http://localhost:<port> for development', params: { code: 'invalid_origin' } });
      return z.NEVER;
    }
    return o;
  });

/** Common fields plus the non-secret settings of each type; unknown keys are refused. */
export const integrationConfigSchema = z
  .object({
    name: name.nullable().optional(),
    pipeline_id: z.uuid().nullable().optional(),
    // web_chat
    allowed_origins: z
      .array(origin)
      .min(1, { message: 'Add at least one site origin' })
      .max(20)
      .transform((list) => [...new Set(list)])
      .optional(),
    title: z.string().trim().min(1).max(80).optional(),
    greeting: z.string().trim().max(500).optional(),
    color: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, { message: 'A colour like #2563eb' }).optional(),
  })
  .strict();
export type IntegrationConfigInput = z.infer<typeof integrationConfigSchema>;

/** Settings of `integrationConfigSchema` each type accepts beyond name and pipeline. */
export const TYPE_CONFIG_KEYS: Record<ChannelType, readonly (keyof IntegrationConfigInput)[]> = {
  telegram: [],
  whatsapp: [],
  web_chat: ['allowed_origins', 'title', 'greeting', 'color'],
};

/** The `:type` route parameter; anything else is a 404 like an unknown path. */
export function channelTypeParam(value: string | string[] | undefined): ChannelType {
  if (typeof value === 'string' && (CHANNEL_TYPES as readonly string[]).includes(value)) return value as ChannelType;
  throw notFound('Integration');
}
