// One realtime hub per process. Subscribers of a workspace get every event with seq > their
// starting point, in order, exactly once, then the live ones. The hub reads new rows ONCE per
// workspace (as app_jobs through app.realtime_events_after) and fans them out in memory: 500
// open streams cost the same queries as one. Wake-ups: LISTEN 'realtime_events' (PostgreSQL: a
// dedicated pg client, not from the pool, reconnecting with backoff; PGlite: its in-process
// listen API) plus a safety poll of the workspaces that have subscribers. Events older than
// the retention are pruned at most hourly.
import { sql } from 'drizzle-orm';
import { getDatabase, type Database } from '@/lib/db/client';
import { jobsRows, withJobsRole } from '@/lib/jobs/jobs-tx';
import { logger } from '@/lib/log/logger';

export interface RealtimeEvent {
  seq: number;
  type: string;
  conversation_id: string | null;
  /** Only this member may see it (null: every member the permission allows). */
  user_id: string | null;
  /** Permission needed to see it (lib/auth/permissions), null: every member. */
  permission: string | null;
  payload: Record<string, unknown>;
  created_at: string;
}

export type RealtimeListener = (event: RealtimeEvent) => void;

export interface SubscribeHooks {
  /** The stream's starting point is known (everything after it follows). */
  onReady?(seq: number): void;
  /**
   * The requested point is no longer in the log (pruned) or beyond it (the log was reset):
   * the subscriber should refetch everything; events continue after `seq`.
   */
  onReset?(seq: number): void;
}

export const REALTIME_CHANNEL = 'realtime_events';
export const REALTIME_RETENTION_MS = 7 * 24 * 3600_000;
const PAGE = 1000;
const POLL_MS = Number(process.env.REALTIME_POLL_MS) || 3_000;
const PRUNE_EVERY_MS = 3600_000;
const BACKOFF_MAX_MS = 30_000;

interface Subscriber {
  listener: RealtimeListener;
  hooks: SubscribeHooks;
  /** Highest seq delivered (or skipped as before the start). */
  delivered: number;
  /** Catching up from the log on its own; live events wait in `buffer`. */
  ready: boolean;
  buffer: RealtimeEvent[];
  closed: boolean;
}

interface WorkspaceState {
  id: string;
  subscribers: Set<Subscriber>;
  /** Highest seq the hub has read and fanned out; null until known. */
  cursor: number | null;
  init: Promise<void> | null;
  reading: boolean;
  again: boolean;
}

interface Stats {
  /** app.realtime_events_after calls of the shared reader (not catch-ups). */
  reads: number;
  catchUpReads: number;
  events: number;
  wakes: number;
}

interface Hub {
  workspaces: Map<string, WorkspaceState>;
  total: number;
  started: boolean;
  stopListening: (() => Promise<void>) | null;
  poll: ReturnType<typeof setInterval> | null;
  lastPrune: number;
  stats: Stats;
  generation: number;
}

const g = globalThis as unknown as { __salesagentRealtimeHub?: Hub };
const hub: Hub = (g.__salesagentRealtimeHub ??= {
  workspaces: new Map(),
  total: 0,
  started: false,
  stopListening: null,
  poll: null,
  lastPrune: 0,
  stats: { reads: 0, catchUpReads: 0, events: 0, wakes: 0 },
  generation: 0,
});

interface Row {
  workspace_id: string;
  seq: string | number;
  event_type: string;
  conversation_id: string | null;
  user_id: string | null;
  permission: string | null;
  payload: Record<string, unknown> | string | null;
  created_at: string | Date;
}

function toEvent(r: Row): RealtimeEvent {
  const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : (r.payload ?? {});
  return {
    seq: Number(r.seq),
    type: r.event_type,
    conversation_id: r.conversation_id,
    user_id: r.user_id,
    permission: r.permission,
    payload,
    created_at: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
  };
}

async function readAfter(workspaceId: string, seq: number): Promise<RealtimeEvent[]> {
  const rows = await withJobsRole((tx) =>
    jobsRows<Row>(tx, sql`select * from app.realtime_events_after(${workspaceId}::uuid, ${seq}, ${PAGE})`),
  );
  return rows.map(toEvent);
}

async function lastSeq(workspaceId: string): Promise<number> {
  const [row] = await withJobsRole((tx) =>
    jobsRows<{ seq: string | number }>(tx, sql`select app.realtime_last_seq(${workspaceId}::uuid) as seq`),
  );
  return Number(row?.seq ?? 0);
}

function deliver(sub: Subscriber, event: RealtimeEvent): void {
  if (sub.closed || event.seq <= sub.delivered) return;
  sub.delivered = event.seq;
  try {
    sub.listener(event);
  } catch (err) {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'realtime listener failed');
  }
}

function fanOut(state: WorkspaceState, events: RealtimeEvent[]): void {
  for (const event of events) {
    hub.stats.events++;
    for (const sub of state.subscribers) {
      if (sub.ready) deliver(sub, event);
      else sub.buffer.push(event);
    }
  }
}

/** Reads everything new for the workspace once and fans it out; wake-ups during a read coalesce. */
function wake(state: WorkspaceState): void {
  hub.stats.wakes++;
  if (state.reading) {
    state.again = true;
    return;
  }
  if (state.cursor === null) return; // init reads it
  state.reading = true;
  void (async () => {
    try {
      do {
        state.again = false;
        for (;;) {
          if (!state.subscribers.size) break;
          hub.stats.reads++;
          const events = await readAfter(state.id, state.cursor!);
          if (events.length) {
            state.cursor = events[events.length - 1].seq;
            fanOut(state, events);
          }
          if (events.length < PAGE) break;
        }
      } while (state.again && state.subscribers.size);
    } catch (err) {
      logger.warn({ workspace_id: state.id, err: err instanceof Error ? err.message : String(err) }, 'realtime read failed; the poll retries');
    } finally {
      state.reading = false;
    }
  })();
}

async function catchUp(state: WorkspaceState, sub: Subscriber, from: number | null): Promise<void> {
  await state.init;
  const head = state.cursor ?? 0;
  if (from === null) {
    sub.delivered = head;
  } else if (from > head) {
    // Beyond the log (it was reset): start over at its head.
    const now = await lastSeq(state.id);
    if (from > now) {
      sub.delivered = now;
      sub.hooks.onReset?.(now);
    } else {
      sub.delivered = from;
    }
  } else {
    sub.delivered = from;
    let first = true;
    for (;;) {
      hub.stats.catchUpReads++;
      const events = await readAfter(state.id, sub.delivered);
      if (sub.closed) return;
      if (first && from < head && (events.length === 0 || events[0].seq > from + 1)) {
        // The events right after `from` were pruned: the subscriber missed some for good.
        const resumeAt = events.length ? events[0].seq - 1 : head;
        sub.delivered = resumeAt;
        sub.hooks.onReset?.(resumeAt);
      }
      first = false;
      for (const e of events) deliver(sub, e);
      if (events.length < PAGE) break;
    }
  }
  if (sub.closed) return;
  sub.hooks.onReady?.(sub.delivered);
  sub.ready = true;
  const buffered = sub.buffer;
  sub.buffer = [];
  for (const e of buffered) deliver(sub, e);
}

function stateFor(workspaceId: string): WorkspaceState {
  let state = hub.workspaces.get(workspaceId);
  if (!state) {
    const created: WorkspaceState = { id: workspaceId, subscribers: new Set(), cursor: null, init: null, reading: false, again: false };
    created.init = (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          created.cursor = await lastSeq(workspaceId);
          // A NOTIFY that came before the cursor was known was not acted on.
          setImmediate(() => wake(created));
          return;
        } catch (err) {
          if (attempt >= 5) throw err;
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        }
      }
    })();
    hub.workspaces.set(workspaceId, created);
    state = created;
  }
  return state;
}

/**
 * Delivers every event of the workspace with seq > afterSeq (null: from now on) in order,
 * exactly once, then the live ones, to `listener`. Returns the unsubscribe function.
 * Never call it expecting to read inside an open transaction: the hub reads on its own.
 */
export function subscribeRealtime(
  workspaceId: string,
  afterSeq: number | null,
  listener: RealtimeListener,
  hooks: SubscribeHooks = {},
): () => void {
  const state = stateFor(workspaceId);
  const sub: Subscriber = { listener, hooks, delivered: afterSeq ?? 0, ready: false, buffer: [], closed: false };
  state.subscribers.add(sub);
  hub.total++;
  ensureStarted();
  catchUp(state, sub, afterSeq).catch((err) => {
    logger.warn({ workspace_id: workspaceId, err: err instanceof Error ? err.message : String(err) }, 'realtime catch-up failed');
    // Retry once the hub reads again: treat as ready from where it got to; the next wake reads on.
    if (!sub.closed) {
      sub.ready = true;
      const buffered = sub.buffer;
      sub.buffer = [];
      for (const e of buffered) deliver(sub, e);
    }
  });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    sub.closed = true;
    sub.buffer = [];
    state.subscribers.delete(sub);
    hub.total--;
    if (!state.subscribers.size && hub.workspaces.get(workspaceId) === state) hub.workspaces.delete(workspaceId);
    if (hub.total === 0) void stopRealtimeHub();
  };
}

/** Open subscriptions (all workspaces, or one). */
export function realtimeSubscriberCount(workspaceId?: string): number {
  if (workspaceId) return hub.workspaces.get(workspaceId)?.subscribers.size ?? 0;
  return hub.total;
}

/** Counters for the benchmark and tests. */
export function realtimeHubStats(): Readonly<Stats> {
  return { ...hub.stats };
}

export function resetRealtimeHubStats(): void {
  hub.stats = { reads: 0, catchUpReads: 0, events: 0, wakes: 0 };
}

function onNotify(payload: string | undefined): void {
  if (!payload) return;
  const i = payload.lastIndexOf(':');
  const workspaceId = i > 0 ? payload.slice(0, i) : payload;
  const seq = Number(payload.slice(i + 1));
  const state = hub.workspaces.get(workspaceId);
  if (!state) return;
  if (state.cursor !== null && Number.isFinite(seq) && seq <= state.cursor) return;
  // Not inside the notification callback: PGlite delivers it while finishing a query.
  setImmediate(() => wake(state));
}

function ensureStarted(): void {
  if (hub.started) return;
  hub.started = true;
  const generation = ++hub.generation;
  hub.poll = setInterval(() => {
    for (const state of hub.workspaces.values()) wake(state);
    void maybePrune();
  }, POLL_MS);
  hub.poll.unref?.();
  void startListening(generation);
}

async function startListening(generation: number): Promise<void> {
  let database: Database;
  try {
    database = await getDatabase();
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'realtime: no database; polling only');
    return;
  }
  if (generation !== hub.generation) return;
  if (database.kind === 'pglite') {
    const client = (database.db as unknown as { $client?: { listen?: (ch: string, cb: (p: string) => void) => Promise<() => Promise<void>> } }).$client;
    if (!client?.listen) return;
    try {
      const unlisten = await client.listen(REALTIME_CHANNEL, onNotify);
      if (generation !== hub.generation) {
        await unlisten().catch(() => {});
        return;
      }
      hub.stopListening = async () => {
        await unlisten().catch(() => {});
      };
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'realtime: LISTEN failed; polling only');
    }
    return;
  }
  listenPostgres(database, generation);
}

/** A dedicated connection (LISTEN holds it for good): reconnects with backoff while the hub runs. */
function listenPostgres(database: Database, generation: number): void {
  const url = (database.pool as unknown as { options?: { connectionString?: string } } | undefined)?.options?.connectionString;
  if (!url) return;
  let delay = 500;
  let client: import('pg').Client | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const retry = () => {
    if (stopped || generation !== hub.generation) return;
    timer = setTimeout(connect, delay);
    timer.unref?.();
    delay = Math.min(delay * 2, BACKOFF_MAX_MS);
  };
  const connect = async () => {
    timer = null;
    if (stopped) return;
    const pg = await import('pg');
    const Client = pg.default?.Client ?? (pg as unknown as typeof import('pg')).Client;
    const c = new Client({ connectionString: url });
    client = c;
    let failed = false;
    const fail = (err?: unknown) => {
      if (failed) return;
      failed = true;
      if (!stopped) logger.warn({ err: err instanceof Error ? err.message : String(err ?? 'ended') }, 'realtime: LISTEN connection lost; reconnecting');
      c.removeAllListeners('notification');
      void c.end().catch(() => {});
      if (client === c) client = null;
      retry();
    };
    c.on('error', fail);
    c.on('end', () => fail());
    c.on('notification', (msg) => {
      if (msg.channel === REALTIME_CHANNEL) onNotify(msg.payload);
    });
    try {
      await c.connect();
      await c.query(`listen ${REALTIME_CHANNEL}`);
      delay = 500;
      // Anything committed while we were away: the poll would find it, but not wait for it.
      for (const state of hub.workspaces.values()) wake(state);
    } catch (err) {
      fail(err);
    }
  };
  hub.stopListening = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      await c.end().catch(() => {});
    }
  };
  void connect();
}

/** Stops the poll and the LISTEN connection (the last subscriber left; tests and scripts). */
export async function stopRealtimeHub(): Promise<void> {
  hub.generation++;
  hub.started = false;
  if (hub.poll) clearInterval(hub.poll);
  hub.poll = null;
  const stop = hub.stopListening;
  hub.stopListening = null;
  if (stop) await stop();
}

async function maybePrune(now = Date.now()): Promise<void> {
  if (now - hub.lastPrune < PRUNE_EVERY_MS) return;
  hub.lastPrune = now;
  await pruneRealtimeEvents(new Date(now - REALTIME_RETENTION_MS)).catch((err) =>
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'realtime prune failed'),
  );
}

/** Deletes events created before `before` (default: the 7-day retention). Returns how many. */
export async function pruneRealtimeEvents(before = new Date(Date.now() - REALTIME_RETENTION_MS)): Promise<number> {
  const [row] = await withJobsRole((tx) =>
    jobsRows<{ n: number }>(tx, sql`select app.prune_realtime_events(${before.toISOString()}::timestamptz) as n`),
  );
  return Number(row?.n ?? 0);
}
