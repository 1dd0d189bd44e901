// Every test process: quiet logs, a fixed secret, a private data folder, no real services.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

process.env.LOG_LEVEL ??= 'silent';
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'salesagent-test-'));
delete process.env.DATABASE_URL;
// A developer's shell must not point tests at real services.
for (const name of [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENROUTER_API_KEY',
  'OPENROUTER_BASE_URL',
  'GEMINI_API_KEY',
  'GEMINI_BASE_URL',
  'CUSTOM_LLM_BASE_URL',
  'CUSTOM_LLM_API_KEY',
  'CUSTOM_LLM_MODEL',
  'EMBEDDINGS_API_KEY',
  'EMBEDDINGS_BASE_URL',
  'LLM_TIMEOUT_MS',
  'AI_ALLOW_PRIVATE_BASE_URLS',
  'SMTP_URL',
  'SUPABASE_URL',
  'SUPABASE_SERVICE_ROLE_KEY',
  'INNGEST_EVENT_KEY',
  'INNGEST_SIGNING_KEY',
  'INNGEST_DEV',
  'INNGEST_BASE_URL',
  'CORS_ORIGINS',
  'RATE_LIMIT_DISABLED',
]) {
  delete process.env[name];
}
