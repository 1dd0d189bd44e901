// What the benchmarks share: nearest-rank percentiles and the --profile SQL statement timer.
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * --profile: every SQL statement's time, grouped by its text (numbers and literals folded), from
 * the driver's point of view (the round trip on PostgreSQL, the WASM work on PGlite). `print`
 * divides by the number of units measured (requests, turns …).
 */
export function installQueryProfile(
  database: { kind: string; db: unknown; pool?: unknown },
  pgClient?: unknown,
  /** Also called with every statement (its text, parameters, time and result), e.g. to time one kind. */
  onQuery?: (text: string, params: unknown[], ms: number, result: unknown) => void,
) {
  const stats = new Map<string, { n: number; ms: number }>();
  const key = (text: string) =>
    text.replace(/\s+/g, ' ').replace(/'[^']*'/g, "'…'").replace(/\$\d+/g, '$').replace(/\b\d+\b/g, 'N').trim().slice(0, 160);
  const record = (text: unknown, ms: number, params?: unknown, result?: unknown) => {
    const t = typeof text === 'string' ? text : ((text as { text?: string })?.text ?? String(text));
    if (onQuery) onQuery(t, ((Array.isArray(params) ? params : (text as { values?: unknown[] })?.values) ?? []) as unknown[], ms, result);
    const k = key(t);
    const s = stats.get(k) ?? { n: 0, ms: 0 };
    s.n += 1;
    s.ms += ms;
    stats.set(k, s);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wrap = <T extends { query: (...a: any[]) => any }>(target: T) => {
    const orig = target.query;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    target.query = function (this: unknown, ...a: any[]) {
      const t = performance.now();
      const r = orig.apply(this, a);
      if (r && typeof r.then === 'function') {
        let result: unknown;
        return r
          .then((x: unknown) => (result = x))
          .finally(() => record(a[0], performance.now() - t, a[1], result));
      }
      return r;
    } as T['query'];
  };
  if (database.kind === 'pglite') {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const client = (database.db as { $client: any }).$client;
    wrap(client);
    const origTx = client.transaction.bind(client);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    client.transaction = (fn: (tx: any) => unknown) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      origTx((tx: any) => {
        wrap(tx);
        return fn(tx);
      });
  } else {
    // Pool clients (already connected ones too) are pg.Client instances: wrap the prototype.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pool = database.pool as { Client?: any } | undefined;
    const proto = (pool?.Client ?? pgClient)?.prototype;
    if (proto) wrap(proto);
  }
  return {
    reset: () => stats.clear(),
    print(units: number, label: string) {
      const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const all = rows.reduce((s, [, v]) => s + v.ms, 0);
      const count = rows.reduce((s, [, v]) => s + v.n, 0);
      console.log(`\nSQL per ${label}: ${(count / units).toFixed(1)} statements, ${(all / units).toFixed(2)} ms (mean); the costliest:`);
      for (const [k, v] of rows.slice(0, 25)) console.log(`${(v.ms / units).toFixed(2).padStart(8)} ms ${(v.n / units).toFixed(2).padStart(5)}×  ${k}`);
    },
  };
}

/**
 * Where a benchmark's data lives: a throw-away database on the server in `serverUrl` (created
 * now, or `existing` reused and kept), or a fresh PGlite data folder. `remove()` drops / deletes
 * it unless `keep`.
 */
export async function benchStore(tag: string, serverUrl: string | undefined, opts: { existing?: string; keep?: boolean } = {}) {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${tag}-bench-`));
    console.log(`PGlite data dir: ${dir}`);
    return {
      dir,
      url: undefined,
      remove: async () => {
        if (opts.keep) console.log(`kept ${dir}`);
        else fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pg = (await import('pg')).default;
  const name = opts.existing ?? `bench_${tag.replace(/\W/g, '_')}_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (!opts.existing) await admin(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  console.log(`PostgreSQL database: ${name}`);
  return {
    dir: undefined,
    url: u.toString(),
    remove: async () => {
      if (opts.keep || opts.existing) console.log(`kept ${u.toString()}`);
      else await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
