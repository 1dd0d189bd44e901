// A fresh, migrated database per test file: PGlite in a copy of the run's migrated data folder,
// or a new database on the server in TEST_DATABASE_URL (the real-server lane).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, useDatabase, closeDatabase, type Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetLimiters } from '@/lib/ratelimit/limits';

export const onRealServer = Boolean(process.env.TEST_DATABASE_URL);
let dropDb: (() => Promise<void>) | undefined;
let copyDir: string | undefined;

export async function setupTestDatabase(): Promise<Database> {
  resetEnvCache();
  resetLimiters();
  let promise: Promise<Database>;
  if (onRealServer) {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `salesagent_test_${crypto.randomBytes(6).toString('hex')}`;
    // From the run's migrated template (tests/helpers/global-setup.ts) when there is one.
    const template = inject('templateDatabase');
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    promise = openDatabase({ url: url.toString() });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    // A copy of the run's migrated folder (tests/helpers/global-setup.ts), opened on disk:
    // starting PGlite from it costs ~1.5 s of CPU less than loading a tarball into memory.
    const template = inject('pgliteTemplate');
    if (template && fs.existsSync(template)) {
      copyDir = fs.mkdtempSync(path.join(path.dirname(path.dirname(template)), 'db-'));
      fs.cpSync(template, path.join(copyDir, 'pglite'), { recursive: true });
      promise = openDatabase({ dataDir: copyDir });
    } else {
      promise = openDatabase({ dataDir: ':memory:' });
    }
  }
  useDatabase(promise);
  return promise;
}

export async function teardownTestDatabase(): Promise<void> {
  // Background work a test's requests started (outbox relays: file extraction, embeddings) ends
  // before its database closes; on a loaded machine it could otherwise outlive the file.
  const { outboxRelaysSettled } = await import('@/lib/jobs/relay-outbox');
  await Promise.race([outboxRelaysSettled(), new Promise((r) => setTimeout(r, 15_000).unref())]);
  await closeDatabase();
  await dropDb?.();
  dropDb = undefined;
  if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  copyDir = undefined;
}

/** Runs SQL as the `authenticated` role with the given claims, like a Supabase client would. */
export async function asAuthenticated<T>(
  db: Database,
  claims: Record<string, unknown>,
  fn: (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
  const client = db.pool ? await db.pool.connect() : undefined;
  const q = async (text: string, params?: unknown[]) =>
    client ? ((await client.query(text, params)).rows as Record<string, unknown>[]) : db.query(text, params);
  await q('begin');
  try {
    await q(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    await q('set local role authenticated');
    return await fn(q);
  } finally {
    await q('rollback');
    client?.release();
  }
}
