// Long polling (TELEGRAM_MODE=polling): for local development without a public URL. One loop
// per active Telegram connection calls getUpdates (offset = last update_id + 1, timeout 25 s)
// and stores each update exactly like the webhook does (storeChannelUpdate, deduplicated by
// update_id), so the rest of the channel path cannot tell the difference. getUpdates with an
// offset confirms everything before it, so a restart re-reads only unconfirmed updates (and
// those that were already stored are dropped as duplicates). Network calls happen outside
// transactions. Started by instrumentation.ts; stoppable (tests, shutdown).
import { sql } from 'drizzle-orm';
import { systemActor, withActor } from '@/lib/db/actor';
import { getEnv } from '@/lib/env';
import { jobsRows, withJobsRole } from '@/lib/jobs/jobs-tx';
import { logger } from '@/lib/log/logger';
import { loadConnection } from '../connections/load-connection';
import { recordChannelError } from '../connections/record-health';
import { storeChannelUpdate } from '../inbound/store-update';
import { CHANNELS_ACTOR } from '../types';
import { TelegramApiError, callTelegram } from './bot-api';
import { TELEGRAM_ALLOWED_UPDATES } from './connect-telegram';
import { sleep } from './pacing';

export interface PollOnceResult {
  /** Updates received (duplicates included). */
  received: number;
  /** New rows stored. */
  stored: number;
  /** The offset the next call uses. */
  offset: number | undefined;
  /** The connection is gone, off, or its token is refused: stop polling it. */
  stop: boolean;
}

interface PollerState {
  offsets: Map<string, number>;
  loops: Map<string, { controller: AbortController; done: Promise<void> }>;
  started: boolean;
  refreshTimer?: ReturnType<typeof setInterval>;
  opts: PollerOptions;
}

export interface PollerOptions {
  /** getUpdates timeout in seconds (default 25). */
  timeoutSeconds?: number;
  /** How often the list of connections is re-read (default 30 s; connect/toggle/disconnect refresh at once). */
  refreshMs?: number;
  /** First wait after a failure (doubles up to 60 s; default 2 s). */
  backoffMs?: number;
}

const g = globalThis as Record<string, unknown>;
const state: PollerState = ((g.__salesagentTelegramPoller as PollerState | undefined) ??= {
  offsets: new Map(),
  loops: new Map(),
  started: false,
  opts: {},
}) as PollerState;

/** One getUpdates round for one connection (the poller's step; tests call it directly). */
export async function pollTelegramOnce(
  workspaceId: string,
  integrationId: string,
  opts: { timeoutSeconds?: number; signal?: AbortSignal } = {},
): Promise<PollOnceResult> {
  const actor = systemActor(CHANNELS_ACTOR, workspaceId);
  const loaded = await withActor(actor, (tx) => loadConnection(tx, actor, integrationId));
  const token = loaded?.secrets.bot_token;
  if (!loaded || !loaded.conn.isActive || !token) return { received: 0, stored: 0, offset: state.offsets.get(integrationId), stop: true };
  const timeout = opts.timeoutSeconds ?? 25;
  const offset = state.offsets.get(integrationId);
  let updates: { update_id: number }[];
  try {
    updates = await callTelegram<{ update_id: number }[]>(
      token,
      'getUpdates',
      { ...(offset !== undefined ? { offset } : {}), timeout, allowed_updates: TELEGRAM_ALLOWED_UPDATES },
      { signal: opts.signal, timeoutMs: (timeout + 10) * 1000 },
    );
  } catch (err) {
    if (err instanceof TelegramApiError && err.status === 409) {
      // A webhook is still set (the bot was connected in webhook mode): polling needs it gone.
      await callTelegram(token, 'deleteWebhook', { drop_pending_updates: false }, { signal: opts.signal }).catch(() => undefined);
      return { received: 0, stored: 0, offset, stop: false };
    }
    if (err instanceof TelegramApiError && (err.status === 401 || err.status === 404)) {
      await withActor(actor, (tx) => recordChannelError(tx, integrationId, 'getUpdates: the bot token is no longer valid'));
      return { received: 0, stored: 0, offset, stop: true };
    }
    throw err;
  }
  if (!Array.isArray(updates) || !updates.length) return { received: 0, stored: 0, offset, stop: false };
  const valid = updates.filter((u) => u && Number.isSafeInteger(u.update_id));
  let stored = 0;
  await withActor(actor, async (tx) => {
    for (const u of valid) {
      const r = await storeChannelUpdate(tx, { workspaceId, integrationId, updateKey: String(u.update_id), payload: u });
      if (r.outcome === 'stored') stored += 1;
    }
  });
  const next = Math.max(...valid.map((u) => u.update_id)) + 1;
  state.offsets.set(integrationId, next);
  return { received: updates.length, stored, offset: next, stop: false };
}

async function loop(workspaceId: string, integrationId: string, signal: AbortSignal): Promise<void> {
  const base = state.opts.backoffMs ?? 2000;
  let backoff = base;
  while (!signal.aborted) {
    try {
      const r = await pollTelegramOnce(workspaceId, integrationId, { timeoutSeconds: state.opts.timeoutSeconds, signal });
      if (r.stop) break;
      backoff = base;
    } catch (err) {
      if (signal.aborted) break;
      logger.warn({ integration_id: integrationId, err: err instanceof Error ? err.message : String(err) }, 'telegram polling failed; retrying');
      await sleep(backoff, signal).catch(() => undefined);
      backoff = Math.min(backoff * 2, 60_000);
    }
  }
  state.loops.delete(integrationId);
}

async function listPollingConnections(): Promise<{ id: string; workspace_id: string }[]> {
  return withJobsRole((tx) => jobsRows<{ id: string; workspace_id: string }>(tx, sql`select id, workspace_id from app.telegram_polling_connections()`));
}

async function refresh(): Promise<void> {
  if (!state.started) return;
  const wanted = await listPollingConnections();
  const ids = new Set(wanted.map((w) => w.id));
  for (const [id, l] of state.loops) if (!ids.has(id)) l.controller.abort();
  for (const w of wanted) {
    if (state.loops.has(w.id)) continue;
    const controller = new AbortController();
    const done = loop(w.workspace_id, w.id, controller.signal);
    state.loops.set(w.id, { controller, done });
  }
}

/** Starts polling every active Telegram connection (only when TELEGRAM_MODE=polling, unless forced). */
export function startTelegramPolling(opts: PollerOptions & { force?: boolean } = {}): boolean {
  if (state.started) return true;
  if (!opts.force && getEnv().TELEGRAM_MODE !== 'polling') return false;
  state.started = true;
  state.opts = opts;
  refreshTelegramPolling();
  state.refreshTimer = setInterval(refreshTelegramPolling, opts.refreshMs ?? 30_000);
  (state.refreshTimer as { unref?: () => void }).unref?.();
  logger.info('telegram long polling started');
  return true;
}

/** Re-reads the list of connections now (after connect, toggle, disconnect). */
export function refreshTelegramPolling(): void {
  if (!state.started) return;
  refresh().catch((err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'telegram polling refresh failed'));
}

/** Stops every loop and waits for them to end. */
export async function stopTelegramPolling(): Promise<void> {
  state.started = false;
  if (state.refreshTimer) clearInterval(state.refreshTimer);
  state.refreshTimer = undefined;
  const loops = [...state.loops.values()];
  for (const l of loops) l.controller.abort();
  await Promise.all(loops.map((l) => l.done));
  state.loops.clear();
}

/** Connections being polled now (tests, health). */
export function pollingConnectionIds(): string[] {
  return [...state.loops.keys()];
}
