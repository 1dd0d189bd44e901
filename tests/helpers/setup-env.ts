// Every test process: quiet logs, a fixed secret, a private data folder, no real services.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

process.env.LOG_LEVEL ??= 'silent';
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'salesagent-test-'));
delete process.env.DATABASE_URL;
delete process.env.OPENAI_API_KEY;
delete process.env.SMTP_URL;
delete process.env.SUPABASE_URL;
