// Catalog tests: the database wall checked on the whole catalog, not table by table, so
// every table, function and column added later is held to the same rules.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

// Roles requests run as; none of them may own a table (an owner bypasses its policies).
const RUNTIME_ROLES = ['authenticated', 'anon', 'app_auth'];

describe('row-level security', () => {
  it('is enabled on every table in public, forced where a role without BYPASSRLS owns it', async () => {
    const rows = await db.query<{ t: string; rls: boolean; forced: boolean; owner: string; exempt: boolean }>(
      `select c.relname as t, c.relrowsecurity as rls, c.relforcerowsecurity as forced, r.rolname as owner,
              (r.rolsuper or r.rolbypassrls) as exempt
       from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_roles r on r.oid = c.relowner
       where n.nspname = 'public' and c.relkind in ('r', 'p')`,
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !r.rls).map((r) => r.t)).toEqual([]);
    expect(rows.filter((r) => RUNTIME_ROLES.includes(r.owner)).map((r) => r.t)).toEqual([]);
    // An owner without BYPASSRLS (a managed database's migration role) reads around the
    // policies unless they are forced.
    expect(rows.filter((r) => !r.exempt && !r.forced).map((r) => r.t)).toEqual([]);
    expect(rows.find((r) => r.t === 'user_credentials')?.forced).toBe(true);
  });

  it('limits every system actor on every RLS table to the rights of its job (restrictive policies)', async () => {
    const missing = await db.query<{ t: string }>(
      `select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
         and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'system_actor_scope' and not p.polpermissive)
         and exists (select 1 from pg_policy p where p.polrelid = c.oid and 'authenticated'::regrole = any (p.polroles))`,
    );
    expect(missing.map((r) => r.t), 'run `select app.scope_system_actors(...)` for these tables').toEqual([]);
  });
});

describe('functions', () => {
  it('no SECURITY DEFINER function is executable by PUBLIC, and each pins its search_path', async () => {
    const rows = await db.query<{ f: string; public_exec: boolean; config: string[] | null }>(
      `select p.oid::regprocedure::text as f, p.proconfig as config,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                      where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public_exec
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')`,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.public_exec).map((r) => r.f)).toEqual([]);
    expect(rows.filter((r) => !(r.config ?? []).some((c) => c.startsWith('search_path='))).map((r) => r.f)).toEqual([]);
  });

  it('no function in schema app is executable by PUBLIC, and new ones start revoked', async () => {
    const rows = await db.query<{ f: string }>(
      `select p.oid::regprocedure::text as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'app' and exists (
         select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE')`,
    );
    expect(rows.map((r) => r.f)).toEqual([]);
    // A dedicated connection on the PostgreSQL lane: begin, probe and rollback on one session.
    const client = db.pool ? await db.pool.connect() : undefined;
    const q = async <T>(text: string) => (client ? ((await client.query(text)).rows as T[]) : db.query<T>(text));
    await q('begin');
    try {
      await q('create function app.catalog_probe() returns int language sql as $$ select 1 $$');
      const [r] = await q<{ ok: boolean }>(`select has_function_privilege('authenticated', 'app.catalog_probe()', 'execute') as ok`);
      expect(r.ok).toBe(false);
    } finally {
      await q('rollback');
      client?.release();
    }
  });
});

// Columns that hold a credential, a plan or a quota, and the roles meant to change them.
const GUARDED: { label: string; match: (table: string, column: string) => boolean; allowed: string[] }[] = [
  { label: 'credential', match: (_t, c) => /password|token_hash|secret/.test(c), allowed: ['app_auth'] },
  { label: 'credential', match: (t) => t === 'user_credentials', allowed: ['app_auth'] },
  {
    label: 'plan or quota',
    match: (t, c) => t === 'workspaces' && /^(subscription_|trial_ends_at$|ai_responses_)/.test(c),
    allowed: [],
  },
];

describe('column privileges', () => {
  it('no role but the intended ones can UPDATE a credential, plan or quota column', async () => {
    const rows = await db.query<{ t: string; c: string; role: string }>(
      `select c.table_name as t, c.column_name as c, r.rolname as role
       from information_schema.columns c
       join pg_class k on k.relname = c.table_name and k.relnamespace = 'public'::regnamespace
       cross join pg_roles r
       where c.table_schema = 'public' and not r.rolsuper and r.rolname not like 'pg\\_%' and r.oid <> k.relowner
         and has_column_privilege(r.oid, k.oid, c.column_name, 'UPDATE')`,
    );
    const offending = rows
      .map((r) => ({ ...r, rule: GUARDED.find((g) => g.match(r.t, r.c)) }))
      .filter((r) => r.rule && !r.rule.allowed.includes(r.role))
      .map((r) => `${r.role} may UPDATE ${r.rule!.label} column ${r.t}.${r.c}`);
    expect(offending).toEqual([]);
    // The rule reaches real columns (a renamed column must not empty it silently).
    const guarded = (await db.query<{ t: string; c: string }>(
      `select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`,
    )).filter((r) => GUARDED.some((g) => g.match(r.t, r.c)));
    expect(guarded.length).toBeGreaterThanOrEqual(8);
  });

  it('authenticated and anon cannot read or write a password hash at all', async () => {
    const rows = await db.query<{ t: string; c: string; role: string; p: string }>(
      `select c.table_name as t, c.column_name as c, r.role, p.p
       from information_schema.columns c
       cross join (values ('authenticated'), ('anon')) r(role)
       cross join (values ('SELECT'), ('INSERT'), ('UPDATE')) p(p)
       where c.table_schema = 'public' and c.column_name like '%password_hash%'
         and has_column_privilege(r.role, format('public.%I', c.table_name), c.column_name, p.p)`,
    );
    expect(rows).toEqual([]);
    const [n] = await db.query<{ n: number }>(
      `select count(*)::int as n from information_schema.columns where table_schema = 'public' and column_name like '%password_hash%'`,
    );
    expect(n.n).toBeGreaterThan(0);
  });
});

// Columns the Drizzle schema leaves to raw SQL, each with its reason.
const SQL_ONLY_COLUMNS = new Set([
  'public.kb_chunks.search_vector', // generated tsvector, read by the search functions
  'public.kb_chunks.embedding', // pgvector only, where the extension exists
]);
// Tables outside public that only migrations and the catalog use.
const SQL_ONLY_TABLES = new Set(['app.schema_migrations', 'app.system_actor_rights']);

async function drizzleTables() {
  const dir = path.resolve(__dirname, '../../lib/db/schema');
  const out = new Map<string, { column: string; notNull: boolean }[]>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (!is(value, PgTable)) continue;
      const cfg = getTableConfig(value);
      out.set(`${cfg.schema ?? 'public'}.${cfg.name}`, cfg.columns.map((c) => ({ column: c.name, notNull: c.notNull })));
    }
  }
  return out;
}

describe('Drizzle schema and SQL migrations', () => {
  it('describe the same tables, columns and nullability', async () => {
    const drizzle = await drizzleTables();
    const schemas = [...new Set([...drizzle.keys()].map((k) => k.split('.')[0]))];
    const rows = await db.query<{ s: string; t: string; c: string; nullable: string }>(
      `select c.table_schema as s, c.table_name as t, c.column_name as c, c.is_nullable as nullable
       from information_schema.columns c join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = any ($1)`,
      [schemas],
    );
    const sql = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      const key = `${r.s}.${r.t}`;
      if (SQL_ONLY_TABLES.has(key)) continue;
      if (!sql.has(key)) sql.set(key, new Map());
      sql.get(key)!.set(r.c, r.nullable === 'NO');
    }
    const problems: string[] = [];
    for (const table of sql.keys()) if (!drizzle.has(table)) problems.push(`${table}: in SQL, not in lib/db/schema`);
    for (const [table, cols] of drizzle) {
      const inSql = sql.get(table);
      if (!inSql) {
        problems.push(`${table}: in lib/db/schema, not in SQL`);
        continue;
      }
      for (const c of cols) {
        if (!inSql.has(c.column)) problems.push(`${table}.${c.column}: in lib/db/schema, not in SQL`);
        else if (inSql.get(c.column) !== c.notNull) problems.push(`${table}.${c.column}: NOT NULL differs`);
      }
      for (const c of inSql.keys()) {
        if (!cols.some((d) => d.column === c) && !SQL_ONLY_COLUMNS.has(`${table}.${c}`)) {
          problems.push(`${table}.${c}: in SQL, not in lib/db/schema`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(drizzle.size).toBeGreaterThan(20);
  });
});

// Route files that answer without our wrappers, each for a reason.
const UNWRAPPED_ROUTES: Record<string, string> = {
  'app/api/auth/[...nextauth]/route.ts': "next-auth's own handlers (CSRF and sign-in flow are next-auth's)",
  'app/api/inngest/route.ts': 'the Inngest SDK verifies its signed requests itself',
  'app/docs/route.ts': 'static API reference page, no data',
  'app/docs/assets/[file]/route.ts': 'static Swagger UI assets from a fixed list, no data',
};
// widgetRoute/widgetPreflight: the public web chat's (per-key CORS, error envelope, logs);
// createEventStreamHandler: the dashboard's SSE stream, a workspaceRoute with a streaming body.
const WRAPPERS = ['publicRoute', 'userRoute', 'workspaceRoute', 'webhookRoute', 'widgetRoute', 'widgetPreflight', 'createEventStreamHandler'];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === 'route.ts' ? [p] : [];
  });
}

describe('route handlers', () => {
  it('every app/**/route.ts exports its methods through a route wrapper or is on the allow-list', () => {
    const root = path.resolve(__dirname, '../..');
    const files = routeFiles(path.join(root, 'app')).map((f) => path.relative(root, f).split(path.sep).join('/'));
    expect(files.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const file of files) {
      if (file in UNWRAPPED_ROUTES) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const verbs = [...text.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)];
      const reexports = /export\s+(?:const|let|var)\s*\{[^}]*\b(GET|POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\b(GET|POST|PUT|PATCH|DELETE)\b/.test(text);
      if (reexports) problems.push(`${file}: re-exports a handler that no wrapper covers`);
      for (const m of verbs) {
        const wrapped = new RegExp(`export\\s+const\\s+${m[1]}\\s*=\\s*(?:${WRAPPERS.join('|')})\\b`).test(text);
        if (!wrapped) problems.push(`${file}: ${m[1]} is not wrapped`);
      }
    }
    expect(problems).toEqual([]);
    for (const file of Object.keys(UNWRAPPED_ROUTES)) expect(files, `stale allow-list entry ${file}`).toContain(file);
  });
});
