// One database per process: PGlite under DATA_DIR by default, a pg Pool when DATABASE_URL is set.
import path from 'node:path';
import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getEnv } from '@/lib/env';
import { runMigrations } from './migrate';
import type { SqlRunner } from './migrate';

export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL with positional params, outside any transaction (migrations, health). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** The pg Pool in postgres mode (the rate limiter shares it). */
  pool?: import('pg').Pool;
  vectorAvailable: boolean;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tarball (for openDatabase's loadDataDir). */
  dumpDataDir?: () => Promise<Blob>;
}

interface Holder {
  promise?: Promise<Database>;
}
const holder: Holder = ((globalThis as Record<string, unknown>).__salesagentDb ??= {}) as Holder;

export function getDatabase(): Promise<Database> {
  holder.promise ??= openDatabase().catch((err) => {
    holder.promise = undefined;
    throw err;
  });
  return holder.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Installs a database as the process's own (tests open one in memory or on a test server). */
export function useDatabase(database: Promise<Database>): void {
  holder.promise = database;
}

/** Closes the process's database (scripts and test teardown). */
export async function closeDatabase(): Promise<void> {
  const p = holder.promise;
  holder.promise = undefined;
  if (p) await (await p).close();
}

/**
 * `loadDataDir`: an embedded database starts from this dump of another one's data folder
 * (PGlite's dumpDataDir) instead of empty; the test suite migrates once and starts every test
 * file's database from that snapshot. Migrations still run (and find nothing to do).
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  const env = getEnv();
  const url = opts.url ?? env.DATABASE_URL;
  const database = url ? await openPostgres(url, env.DATABASE_POOL_MAX) : await openPglite(opts.dataDir ?? env.DATA_DIR, opts.loadDataDir);
  await runMigrations(database as SqlRunner);
  const rows = await database.query<{ ok: boolean }>(
    "select exists (select 1 from pg_extension where extname = 'vector') as ok",
  );
  database.vectorAvailable = Boolean(rows[0]?.ok);
  return database;
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const { drizzle } = await import('drizzle-orm/pglite');
  let dir: string | undefined;
  if (dataDir !== ':memory:') {
    dir = path.resolve(dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
  }
  // The options-object form: `new PGlite(undefined, opts)` drops the extensions.
  const client = new PGlite({
    dataDir: dir,
    loadDataDir,
    extensions: { vector, pg_trgm: (await import('@electric-sql/pglite/contrib/pg_trgm')).pg_trgm },
  });
  await client.waitReady;
  const db = drizzle({ client }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    vectorAvailable: false,
    async query<T>(text: string, params?: unknown[]) {
      const res = await client.query<T>(text, params as unknown[]);
      return res.rows;
    },
    async exec(text: string) {
      await client.exec(text);
    },
    async close() {
      await client.close();
    },
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const Pool = pg.default?.Pool ?? (pg as unknown as typeof import('pg')).Pool;
  const pool = new Pool({ connectionString: url, max });
  const db = drizzle({ client: pool }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    vectorAvailable: false,
    async query<T>(text: string, params?: unknown[]) {
      const res = await pool.query(text, params as unknown[]);
      return res.rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async close() {
      await pool.end();
    },
  };
}
