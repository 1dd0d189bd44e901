// Migrates once per test run and lets every test file start from that state: a PGlite data
// folder snapshot (written to a temp file), or a template database on the server in
// TEST_DATABASE_URL. Running ~25 migrations per file took ~6 s on PGlite, for every file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL ??= 'silent';
  const { openDatabase } = await import('@/lib/db/client');
  if (process.env.TEST_DATABASE_URL) {
    const pg = (await import('pg')).default;
    const name = `salesagent_template_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString() });
    await db.close();
    project.provide('templateDatabase', name);
    project.provide('pgliteSnapshot', '');
    return async () => {
      const a = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const db = await openDatabase({ dataDir: ':memory:' });
  const dump = await db.dumpDataDir!();
  await db.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'salesagent-snapshot-')), 'pglite.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('templateDatabase', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
