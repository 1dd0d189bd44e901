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
