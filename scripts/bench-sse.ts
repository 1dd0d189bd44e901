// npm run bench:sse — the dashboard's live stream under load: N SSE clients (default 500) of one
// workspace connected to GET /api/events/stream (the real route handler, in process, Bearer auth),
// then E committed events (default 200: an inbound message each, written as the `channels` system
// actor, paced). Measures commit→delivery per client and event (p50/p95) and the hub's queries per
// event, next to a baseline of ONE client in the same run. Writes its section of docs/benchmarks.md.
//   --url postgres://…   run on that server (a database `bench_sse_<pid>` is created and dropped)
//   --clients N (500)   --events E (200)   --gap MS between commits (20)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from './bench-support';

process.env.LOG_LEVEL ??= 'warn';
process.env.RATE_LIMIT_DISABLED = 'true';

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SERVER_URL = argValue('--url') ?? process.env.BENCH_DATABASE_URL;
const CLIENTS = Number(argValue('--clients') ?? 500);
const EVENTS = Number(argValue('--events') ?? 200);
const GAP_MS = Number(argValue('--gap') ?? 20);


type Handler = (req: import('next/server').NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Run {
  clients: number;
  samples: number;
  p50: number;
  p95: number;
  max: number;
  reads: number;
  catchUpReads: number;
  connectMs: number;
  missing: number;
  /** Delivered before the writer's commit call returned (counted as 0 ms). */
  early: number;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sse-bench-'));
  process.env.DATA_DIR = dataDir;
  const { resetEnvCache } = await import('@/lib/env');
  resetEnvCache();
  const { openDatabase, useDatabase, closeDatabase } = await import('@/lib/db/client');
  const { NextRequest } = await import('next/server');
  const { sql } = await import('drizzle-orm');
  const { withActor, systemActor } = await import('@/lib/db/actor');
  const { signAccessToken } = await import('@/lib/auth/access-token');
  const hub = await import('@/lib/realtime/hub');
  const route = (await import('@/app/api/events/stream/route')) as unknown as { GET: Handler };

  let url: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (SERVER_URL) {
    const pg = await import('pg');
    const name = `bench_sse_${process.pid}`;
    const admin = new pg.default.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(SERVER_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const a = new pg.default.Client({ connectionString: SERVER_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
    console.log(`PostgreSQL database: ${name}`);
  } else {
    console.log(`PGlite data dir: ${dataDir}`);
  }
  const dbPromise = openDatabase(url ? { url } : { dataDir });
  useDatabase(dbPromise);
  const db = await dbPromise;
  const engine = db.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  const [{ version }] = await db.query<{ version: string }>(`select current_setting('server_version') as version`);

  const [{ id: ws }] = await db.query<{ id: string }>(`insert into workspaces (name) values ('Bench SSE') returning id`);
  const [{ id: userId }] = await db.query<{ id: string }>(`insert into users (email, full_name) values ('bench-sse@example.kz', 'Bench Owner') returning id`);
  await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [ws, userId]);
  const [{ id: clientId }] = await db.query<{ id: string }>(`insert into clients (workspace_id, name, search_text) values ($1, 'Айгерим', 'айгерим') returning id`, [ws]);
  const [{ id: conv }] = await db.query<{ id: string }>(
    `insert into conversations (workspace_id, client_id, title) values ($1, $2, 'Ремонт') returning id`,
    [ws, clientId],
  );
  const token = await signAccessToken({ user_id: userId, email: 'bench-sse@example.kz', subscription_plan: 'trial' }, Date.now() + 2000);

  async function measure(clients: number): Promise<Run> {
    const committed = new Map<string, number>();
    const deliveries: { id: string; at: number }[] = [];
    let received = 0;
    const aborts: AbortController[] = [];
    const t0 = performance.now();
    let ready = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const abort = new AbortController();
        aborts.push(abort);
        const req = new NextRequest('http://localhost:3000/api/events/stream', {
          headers: { authorization: `Bearer ${token}`, 'x-tenant-id': ws },
          signal: abort.signal,
        });
        const res = await route.GET(req, { params: Promise.resolve({}) });
        if (res.status !== 200) throw new Error(`stream: ${res.status} ${await res.text()}`);
        const reader = res.body!.getReader();
        const dec = new TextDecoder();
        let buf = '';
        let isReady = false;
        let markReady: () => void = () => {};
        const readyP = new Promise<void>((r) => (markReady = r));
        void (async () => {
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              const now = performance.now();
              buf += dec.decode(value, { stream: true });
              let i: number;
              while ((i = buf.indexOf('\n\n')) >= 0) {
                const block = buf.slice(0, i);
                buf = buf.slice(i + 2);
                if (!isReady && /^id: \d+$/m.test(block) && !block.includes('event:')) {
                  isReady = true;
                  markReady();
                }
                const line = block.split('\n').find((l) => l.startsWith('data: '));
                if (!line) continue;
                const ev = JSON.parse(line.slice(6)) as { type: string; payload: { message_id?: string } };
                if (ev.type === 'message:new' && ev.payload.message_id) {
                  // On PostgreSQL the NOTIFY can overtake the writer's own "committed" answer.
                  deliveries.push({ id: ev.payload.message_id, at: now });
                  received++;
                }
              }
            }
          } catch {
            /* cancelled */
          }
        })();
        aborts.push({ abort: () => void reader.cancel().catch(() => {}) } as AbortController);
        await readyP;
        ready++;
      }),
    );
    const connectMs = performance.now() - t0;
    if (hub.realtimeSubscriberCount(ws) !== clients) throw new Error(`expected ${clients} subscribers, hub has ${hub.realtimeSubscriberCount(ws)}`);
    const before = hub.realtimeHubStats();
    for (let i = 0; i < EVENTS; i++) {
      const id = await withActor(systemActor('channels', ws), async (tx) => {
        const r = (await tx.execute(
          sql`insert into messages (workspace_id, conversation_id, role, direction, content, status)
              values (${ws}, ${conv}, 'user', 'inbound', ${`Сообщение ${i}: сколько стоит замена экрана?`}, 'received') returning id`,
        )) as unknown as { rows: { id: string }[] };
        return r.rows[0].id;
      });
      committed.set(id, performance.now());
      if (GAP_MS) await new Promise((r) => setTimeout(r, GAP_MS));
    }
    const expected = clients * EVENTS;
    const deadline = Date.now() + 60_000;
    while (received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const after = hub.realtimeHubStats();
    for (const a of aborts) a.abort();
    const end = Date.now() + 10_000;
    while (hub.realtimeSubscriberCount(ws) > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    const latencies = deliveries
      .filter((d) => committed.has(d.id))
      .map((d) => Math.max(0, d.at - committed.get(d.id)!))
      .sort((a, b) => a - b);
    const early = deliveries.filter((d) => committed.has(d.id) && d.at < committed.get(d.id)!).length;
    return {
      clients,
      samples: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies[latencies.length - 1] ?? NaN,
      reads: after.reads - before.reads,
      catchUpReads: after.catchUpReads - before.catchUpReads,
      connectMs,
      missing: expected - received,
      early,
    };
  }

  console.log(`${engine} ${version}: baseline (1 client), then ${CLIENTS} clients; ${EVENTS} events, ${GAP_MS} ms apart`);
  await measure(1); // warm-up
  const base = await measure(1);
  console.log(base);
  const many = await measure(CLIENTS);
  console.log(many);

  const cpus = os.cpus();
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const section = `<!-- bench:sse:${engine} -->
### ${engine} ${version}

| clients | deliveries | p50 ms | p95 ms | max ms | p50 / p95 vs 1 client | hub reads per event | missing |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 1 (baseline) | ${base.samples} | ${base.p50.toFixed(1)} | ${base.p95.toFixed(1)} | ${base.max.toFixed(1)} | 1.00× / 1.00× | ${(base.reads / EVENTS).toFixed(2)} | ${base.missing} |
| ${CLIENTS} | ${many.samples} | ${many.p50.toFixed(1)} | ${many.p95.toFixed(1)} | ${many.max.toFixed(1)} | ${ratio(many.p50, base.p50)} / ${ratio(many.p95, base.p95)} | ${(many.reads / EVENTS).toFixed(2)} | ${many.missing} |

- date: ${new Date().toISOString()}; ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}
- ${EVENTS} events, one committed every ~${GAP_MS} ms; ${CLIENTS} clients connected in ${(many.connectMs / 1000).toFixed(1)} s (each authenticated by the route);
  deliveries that overtook the writer's own commit answer (counted as 0 ms): ${base.early} and ${many.early};
  hub reads during the ${CLIENTS}-client run: ${many.reads} shared + ${many.catchUpReads} catch-up (a reader per subscriber would have made ${(CLIENTS * EVENTS).toLocaleString('en')})
<!-- /bench:sse:${engine} -->`;

  const docs = path.resolve('docs/benchmarks.md');
  let text = fs.existsSync(docs) ? fs.readFileSync(docs, 'utf8') : '';
  if (!text.includes('<!-- bench:sse -->')) {
    text = `${text.trimEnd()}\n\n<!-- bench:sse -->\n# Live events (SSE) benchmark\n\nProduced by \`npm run bench:sse\` (PGlite) and \`npm run bench:sse -- --url postgres://…\` (a real server; scripts/bench-sse.ts).\nClients are real \`GET /api/events/stream\` responses of the route handler in the same process (Bearer auth, the\nwhole filter and SSE framing), read and parsed as a browser would. Latency is from the writer's commit returning to\nthe frame being parsed by each client; the baseline is one client in the same run. The hub reads each new event\nonce per workspace (LISTEN wake-up, \`app.realtime_events_after\` as app_jobs) and fans it out in memory, so reads per\nevent stay ≤ 1 whatever the number of clients (fewer when events arrive while a read runs).\nNo test asserts these timings.\n<!-- /bench:sse -->\n`;
  }
  const marker = new RegExp(`<!-- bench:sse:${engine} -->[\\s\\S]*?<!-- /bench:sse:${engine} -->`);
  text = marker.test(text) ? text.replace(marker, section) : text.replace('<!-- /bench:sse -->', `${section}\n<!-- /bench:sse -->`);
  fs.writeFileSync(docs, text);
  console.log('wrote docs/benchmarks.md');

  await hub.stopRealtimeHub();
  await closeDatabase();
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
