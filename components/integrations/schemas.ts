// What the connect dialogs check before sending (the API checks again and has the last word).
// Rule codes (params.code) pick the text in errors.json `issues`.
import { z } from 'zod';

const optionalName = z.string().trim().max(100);
const pipelineId = z.string().uuid().nullable();

/** A BotFather token: `<bot id>:<secret>`. */
export const BOT_TOKEN_RE = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;

export const telegramFormSchema = z.object({
  bot_token: z
    .string()
    .trim()
    .min(1)
    .refine((v) => BOT_TOKEN_RE.test(v), { params: { code: 'bot_token_format' } }),
  name: optionalName,
  pipeline_id: pipelineId,
});
export type TelegramFormValues = z.input<typeof telegramFormSchema>;

export const whatsappFormSchema = z.object({
  phone_number_id: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^\d{5,32}$/.test(v), { params: { code: 'invalid_phone_number_id' } }),
  access_token: z.string().trim().min(20).max(4096),
  app_secret: z.string().trim().min(16).max(256),
  verify_token: z.string().trim().max(200),
  name: optionalName,
  pipeline_id: pipelineId,
});
export type WhatsappFormValues = z.input<typeof whatsappFormSchema>;

/** `https://shop.kz`, or plain http on this computer only (`http://localhost:3000`): scheme, host, optional port. */
export const ORIGIN_RE = /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?$/i;

export function originsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

export const webChatFormSchema = z.object({
  allowed_origins: z
    .string()
    .refine((v) => originsOf(v).length > 0, { params: { code: 'origins_required' } })
    .refine((v) => originsOf(v).every((o) => ORIGIN_RE.test(o)), { params: { code: 'invalid_origin' } }),
  title: z.string().trim().max(80),
  greeting: z.string().trim().max(500),
  color: z.string().refine((v) => /^#[0-9a-fA-F]{6}$/.test(v), { params: { code: 'invalid_color' } }),
  name: optionalName,
  pipeline_id: pipelineId,
});
export type WebChatFormValues = z.input<typeof webChatFormSchema>;

/** The card's editable part: PATCH …/config. */
export const configFormSchema = z.object({
  name: optionalName,
  pipeline_id: pipelineId,
});
export type ConfigFormValues = z.input<typeof configFormSchema>;
