// The site widget's settings: which sites may embed it (exact origins), and what the visitor
// sees (title, greeting, colour). Browser-safe: no server imports.
import { z } from 'zod';

export const WIDGET_TEXT_MAX = 4000;
export const MAX_ALLOWED_ORIGINS = 20;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An exact origin as a browser sends it (`https://shop.kz`, `http://localhost:3000`), or null.
 * https anywhere; plain http only for local development (localhost, 127.0.0.1). A trailing
 * slash is forgiven; paths, queries, credentials and wildcards are not.
 */
export function normalizeOrigin(raw: string): string | null {
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

const originEntry = z.string().max(255).transform((v, ctx) => {
  const origin = normalizeOrigin(v);
  if (!origin) {
    ctx.addIssue({
      code: 'custom',
      message: `"${v.slice(0, 100)}" is not an exact origin (https://shop.example, or http://localhost:<port> for development)`,
      params: { code: 'invalid_origin' },
    });
    return z.NEVER;
  }
  return origin;
});

export const widgetSettingsShape = {
  title: z.string().trim().min(1).max(80).optional(),
  greeting: z.string().trim().max(500).optional(),
  color: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: 'color must look like #2563eb' })
    .optional(),
};

export const connectWebChatSchema = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  pipeline_id: z.uuid().nullish(),
  allowed_origins: z
    .array(originEntry)
    .min(1, { message: 'Add at least one site origin' })
    .max(MAX_ALLOWED_ORIGINS)
    .transform((list) => [...new Set(list)]),
  ...widgetSettingsShape,
});
export type ConnectWebChatInput = z.infer<typeof connectWebChatSchema>;

/** What the widget shows; stored in integrations.config beside allowed_origins. */
export interface WidgetSettings {
  title: string | null;
  greeting: string | null;
  color: string | null;
}

export interface WebChatConfig extends WidgetSettings {
  allowed_origins: string[];
  snippet?: string;
}

export function readWebChatConfig(config: Record<string, unknown> | null | undefined): WebChatConfig {
  const c = config ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    allowed_origins: Array.isArray(c.allowed_origins) ? c.allowed_origins.filter((o): o is string => typeof o === 'string') : [],
    title: str(c.title),
    greeting: str(c.greeting),
    color: str(c.color),
  };
}

export function widgetSnippet(appUrl: string, publicKey: string): string {
  return `<script src="${appUrl.replace(/\/$/, '')}/widget.js" data-key="${publicKey}" async></script>`;
}
