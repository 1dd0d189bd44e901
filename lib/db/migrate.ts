// Applies supabase/migrations/*.sql in name order, once each, under an advisory lock.
import fs from 'node:fs';
import path from 'node:path';

export interface SqlRunner {
  kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  pool?: import('pg').Pool;
}

export function migrationsDir(): string {
  return path.resolve(process.cwd(), 'supabase', 'migrations');
}

export function listMigrations(dir = migrationsDir()): { version: string; file: string }[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), file: path.join(/*turbopackIgnore: true*/ dir, f) }));
}

const LOCK_KEY = 734_221_901;

export async function runMigrations(db: SqlRunner, dir = migrationsDir()): Promise<string[]> {
  const applied: string[] = [];
  // A dedicated connection in postgres mode so the session lock and the
  // per-file transactions share it; PGlite has a single connection anyway.
  const client = db.pool ? await db.pool.connect() : undefined;
  const q = async <T>(text: string, params?: unknown[]): Promise<T[]> =>
    client ? ((await client.query(text, params)).rows as T[]) : db.query<T>(text, params);
  try {
    await q(`select pg_advisory_lock(${LOCK_KEY})`);
    await q(`create schema if not exists app`);
    await q(`create table if not exists app.schema_migrations (
      version text primary key, applied_at timestamptz not null default now())`);
    const done = new Set((await q<{ version: string }>('select version from app.schema_migrations')).map((r) => r.version));
    for (const m of listMigrations(dir)) {
      if (done.has(m.version)) continue;
      const text = fs.readFileSync(/*turbopackIgnore: true*/ m.file, 'utf8');
      await q('begin');
      try {
        if (client) await client.query(text);
        else await db.exec(text);
        await q('insert into app.schema_migrations (version) values ($1)', [m.version]);
        await q('commit');
      } catch (err) {
        await q('rollback');
        throw new Error(`Migration ${m.version} failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
    }
  } finally {
    await q(`select pg_advisory_unlock(${LOCK_KEY})`).catch(() => undefined);
    client?.release();
  }
  return applied;
}

export async function pendingMigrations(db: SqlRunner, dir = migrationsDir()): Promise<string[]> {
  const rows = await db.query<{ version: string }>('select version from app.schema_migrations').catch(() => []);
  const done = new Set(rows.map((r) => r.version));
  return listMigrations(dir).map((m) => m.version).filter((v) => !done.has(v));
}
