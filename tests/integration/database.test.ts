// Migrations apply themselves once, data survives a restart, and health reports it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import { listMigrations, runMigrations } from '@/lib/db/migrate';
import { api, registerUser } from '../helpers/api';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

describe('migrations', () => {
  it('records every migration once and a second run applies nothing', async () => {
    const rows = await db.query<{ version: string }>('select version from app.schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await runMigrations(db)).toEqual([]);
  });

  it('creates the auth bootstrap only where absent', async () => {
    const [r] = await db.query<{ uid: string | null }>('select auth.uid() as uid');
    expect(r.uid).toBeNull();
    const [role] = await db.query('select 1 from pg_roles where rolname = $1', ['authenticated']);
    expect(role).toBeTruthy();
  });

  it.skipIf(onRealServer)('keeps data across a restart of the embedded database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesagent-restart-'));
    const first = await openDatabase({ dataDir: dir });
    await first.query(`insert into users (email) values ('keep@example.com')`);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const rows = await second.query<{ email: string }>(`select email from users`);
    expect(rows.map((r) => r.email)).toEqual(['keep@example.com']);
    expect(await runMigrations(second)).toEqual([]);
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('health', () => {
  it('liveness answers with the version', async () => {
    const r = await api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('readiness reports the database, migrations and optional services', async () => {
    const owner = await registerUser();
    const r = await api('GET', '/api/health/ready', { token: owner.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ready: true,
      database: { ok: true, driver: onRealServer ? 'postgres' : 'pglite', pending_migrations: [] },
      services: { llm: false, smtp: false, storage: 'local' },
    });
    // pgvector ships with PGlite; the PG15 test server has none. Without embeddings configured
    // semantic search is off either way.
    expect(r.body.database.pgvector).toBe(!onRealServer);
    expect(r.body.services.semantic_search).toBe(false);
  });

  it('says semantic search is on only with pgvector and an embeddings provider', async () => {
    process.env.OPENAI_API_KEY = 'sk-test';
    const { resetEnvCache } = await import('@/lib/env');
    resetEnvCache();
    try {
      const r = await api('GET', '/api/health/ready', { token: (await registerUser()).token });
      expect(r.body.services.semantic_search).toBe(!onRealServer);
      expect(JSON.stringify(r.body)).not.toContain('sk-test');
    } finally {
      delete process.env.OPENAI_API_KEY;
      resetEnvCache();
    }
  });
});
