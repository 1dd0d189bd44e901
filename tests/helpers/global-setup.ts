// Migrates once per test run and lets every test file start from that state: a migrated PGlite
// data folder on disk (each file opens a copy of it), or a template database on the server in
// TEST_DATABASE_URL. Running ~25 migrations per file took ~6 s on PGlite, for every file; loading
// a tarball of the folder into memory (dumpDataDir/loadDataDir) still cost ~2.5 s of CPU per file
// (untar in JS, then writing 46 MB into the in-memory file system), copying the folder ~0.1 s.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, cleanly closed PGlite data folder; test files open a copy, never this one. */
    pgliteTemplate: string;
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
    project.provide('pgliteTemplate', '');
    return async () => {
      const a = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  // One folder for the run: the template in template/pglite, each test file's copy beside it
  // (tests/helpers/db.ts), so whatever a crashed file leaves behind goes with the run.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'salesagent-pglite-'));
  const db = await openDatabase({ dataDir: path.join(root, 'template') });
  await db.close();
  project.provide('pgliteTemplate', path.join(root, 'template', 'pglite'));
  project.provide('templateDatabase', '');
  return () => fs.rmSync(root, { recursive: true, force: true });
}
