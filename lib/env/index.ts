// The one typed view of the environment. Nothing else reads process.env.
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);
const optionalUrl = z.url().optional().or(z.literal('').transform(() => undefined));

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
  RATE_LIMIT_CHAT_PER_MIN: positiveInt(30),
  RATE_LIMIT_CRUD_PER_MIN: positiveInt(60),
  RATE_LIMIT_READ_PER_MIN: positiveInt(120),
  OPENAI_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  OPENAI_BASE_URL: optionalUrl,
  EMBEDDINGS_MODEL: z.string().default('text-embedding-3-small'),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(16000).default(1536),
  SUPABASE_URL: optionalUrl,
  SUPABASE_SERVICE_ROLE_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  SUPABASE_STORAGE_BUCKET: z.string().default('uploads'),
  INNGEST_EVENT_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  INNGEST_SIGNING_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: optionalUrl,
  AVATAR_MAX_BYTES: positiveInt(2 * 1024 * 1024),
  KB_FILE_MAX_BYTES: positiveInt(20 * 1024 * 1024),
  KB_EXTRACT_MAX_UNCOMPRESSED_BYTES: positiveInt(100 * 1024 * 1024),
  KB_EXTRACT_MAX_PAGES: positiveInt(2000),
  KB_EXTRACT_TIMEOUT_MS: positiveInt(60_000),
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
