// The one typed view of the environment. Nothing else reads process.env.
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);
const optionalUrl = z.url().optional().or(z.literal('').transform(() => undefined));
const KEY_32 = 'must be 32 bytes in base64 (openssl rand -base64 32)';
const isKey32 = (v: string) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32;

const IPV4_CIDR = /^(\d{1,3})(\.\d{1,3}){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-f:.]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|\d?\d))?$/i;
export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: string[] };
/**
 * Which X-Forwarded-For entry to believe: unset = none (the TCP peer is the client),
 * a number = that many reverse proxies in front of the app, or a comma-separated list
 * of the proxies' addresses/CIDRs (e.g. `10.0.0.0/8, 127.0.0.1`).
 */
const trustedProxies = z
  .string()
  .optional()
  .transform((v, ctx): TrustedProxies => {
    const raw = (v ?? '').trim();
    if (!raw || raw === '0') return { kind: 'none' };
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops > 20) ctx.addIssue({ code: 'custom', message: 'a hop count must be between 0 and 20' });
      return { kind: 'hops', hops };
    }
    const cidrs = raw.split(',').map((s) => s.trim()).filter(Boolean);
    for (const c of cidrs) {
      if (!IPV4_CIDR.test(c) && !IPV6_CIDR.test(c)) {
        ctx.addIssue({ code: 'custom', message: `"${c}" is neither a hop count nor an IP address or CIDR (e.g. 10.0.0.0/8)` });
      }
    }
    return { kind: 'cidrs', cidrs };
  });

export const serverSchema = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_MAX: positiveInt(10),
  APP_URL: optionalUrl,
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional().or(z.literal('').transform(() => undefined)),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(z.url('each origin must be a URL such as https://app.example.com'))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_FROM: z.string().default('AI Sales Agents <no-reply@localhost>'),
  RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).optional(),
  RATE_LIMIT_DISABLED: bool,
  RATE_LIMIT_AUTH_ACCOUNT_PER_MIN: positiveInt(5),
  RATE_LIMIT_AUTH_IP_PER_MIN: positiveInt(30),
  /** Login attempts per account from any address (the strict limit is per account and address). */
  RATE_LIMIT_AUTH_ACCOUNT_CEILING_PER_MIN: positiveInt(20),
  TRUSTED_PROXIES: trustedProxies,
  RATE_LIMIT_CHAT_PER_MIN: positiveInt(30),
  RATE_LIMIT_CRUD_PER_MIN: positiveInt(60),
  RATE_LIMIT_READ_PER_MIN: positiveInt(120),
  OPENAI_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  OPENAI_BASE_URL: optionalUrl,
  OPENROUTER_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  /** Unset = https://openrouter.ai/api/v1. */
  OPENROUTER_BASE_URL: optionalUrl,
  GEMINI_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  /** Unset = https://generativelanguage.googleapis.com/v1beta/openai/ (Google's OpenAI-compatible endpoint). */
  GEMINI_BASE_URL: optionalUrl,
  /** Any OpenAI-compatible server (Ollama: http://localhost:11434/v1, vLLM, LM Studio). */
  CUSTOM_LLM_BASE_URL: optionalUrl,
  /** Optional: Ollama needs none. */
  CUSTOM_LLM_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  CUSTOM_LLM_MODEL: z.string().optional().or(z.literal('').transform(() => undefined)),
  /** Override OPENAI_API_KEY / OPENAI_BASE_URL for embeddings only. */
  EMBEDDINGS_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  EMBEDDINGS_BASE_URL: optionalUrl,
  /** Per attempt of a chat model call. */
  LLM_TIMEOUT_MS: positiveInt(60_000),
  /** Lets workspace keys point at loopback/private addresses (self-hosted Ollama, tests). */
  AI_ALLOW_PRIVATE_BASE_URLS: bool,
  EMBEDDINGS_MODEL: z.string().default('text-embedding-3-small'),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(16000).default(1536),
  SUPABASE_URL: optionalUrl,
  SUPABASE_SERVICE_ROLE_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  SUPABASE_STORAGE_BUCKET: z.string().default('uploads'),
  INNGEST_EVENT_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  INNGEST_SIGNING_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: optionalUrl,
  /** Encrypts integration secrets at rest (lib/crypto). Unset = generated into DATA_DIR/encryption-key. */
  ENCRYPTION_KEY: z.string().refine(isKey32, KEY_32).optional().or(z.literal('').transform(() => undefined)),
  /** Comma-separated previous keys: values encrypted with them still decrypt (and can be re-encrypted). */
  ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().refine(isKey32, `each key ${KEY_32}`))),
  AVATAR_MAX_BYTES: positiveInt(2 * 1024 * 1024),
  KB_FILE_MAX_BYTES: positiveInt(20 * 1024 * 1024),
  /** Lets monitoring read readiness details (X-Health-Token header) without a session. */
  HEALTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional().or(z.literal('').transform(() => undefined)),
  KB_EXTRACT_MAX_UNCOMPRESSED_BYTES: positiveInt(100 * 1024 * 1024),
  KB_EXTRACT_MAX_PAGES: positiveInt(2000),
  KB_EXTRACT_TIMEOUT_MS: positiveInt(60_000),
  /** Telegram Bot API base; the app appends /bot<token>/<method> and /file/bot<token>/<path>. */
  TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  /** webhook (APP_URL must reach the app) or polling (getUpdates, local development). */
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  /** WhatsApp Business Cloud API (Graph API) base, with its version. */
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com/v21.0'),
  /** Speech-to-text model at the provider's /audio/transcriptions (voice messages). */
  TRANSCRIPTION_MODEL: z.string().default('whisper-1'),
  /** Web chat widget: messages per visitor per minute. */
  RATE_LIMIT_WIDGET_PER_MIN: positiveInt(20),
};

const schema = z.object(serverSchema);
export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses and caches the environment; a wrong value throws naming the variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = createEnv({
    server: serverSchema,
    client: {},
    experimental__runtimeEnv: {},
    runtimeEnv: source,
    emptyStringAsUndefined: false,
    onValidationError: (issues: readonly { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string }[]) => {
      const lines = issues.map((i) => `  ${i.path?.map((p) => String(typeof p === 'object' ? p.key : p)).join('.')}: ${i.message}`);
      throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
    },
  } as never) as unknown as Env;
  if (source === process.env) cached = parsed;
  return parsed;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function appUrl(env: Env = getEnv()): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}
