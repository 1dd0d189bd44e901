// What a webhook needs to know about the connection its URL names — workspace, type, on/off —
// and its decrypted secrets, to check the sender. Looked up through the narrow privileged
// function app.webhook_connection (role app_webhooks) and read by the workspace's system actor,
// then held in this process: a busy bot's updates then cost one statement
// each (app.store_channel_update), not three transactions.
//
// Staleness is bounded and safe: connecting, switching and disconnecting in this process forget
// the entry at once; another process's change is picked up by a background refresh after about
// HOLD_MS (15 s; a request waits for the read only past STALE_MS). A sender check that fails
// against held secrets is retried once against fresh ones (a reconnect rotates the webhook
// secret), and the store itself re-checks that the connection exists, is on and belongs to the
// workspace. A connection another process switched back on may answer 410 until the refresh.
// Unknown ids are not held.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type SystemActor } from '@/lib/db/actor';
import { getDb } from '@/lib/db/client';
import { readIntegrationSecrets, type IntegrationSecrets } from './secrets';

export interface WebhookConnection {
  id: string;
  workspaceId: string;
  type: string;
}

export interface KnownConnection extends WebhookConnection {
  isActive: boolean;
}

export interface HeldConnection {
  connection: KnownConnection;
  /** Null when the connection has no secrets (disconnected) or is off. */
  secrets: IntegrationSecrets | null;
  /** True when this came from memory rather than the database just now. */
  held: boolean;
}

export const HOLD_MS = 15_000;
/** Past its hold and up to this age, the held entry still answers while a refresh runs behind it. */
export const STALE_MS = 120_000;
/** Background refreshes at once: a wave of expiring entries must not take every pooled connection. */
const MAX_REFRESHING = 2;
let refreshingNow = 0;
const MAX_HELD = 5_000;
const uuid = z.uuid();

const g = globalThis as Record<string, unknown>;
type Entry = { connection: KnownConnection; secrets: IntegrationSecrets | null; at: number; holdMs: number; refreshing?: Promise<unknown> };
const held: Map<string, Entry> = (g.__salesagentWebhookConnections as Map<string, Entry>) ?? (g.__salesagentWebhookConnections = new Map());
const loading: Map<string, Promise<HeldConnection | null>> =
  (g.__salesagentWebhookConnectionLoads as Map<string, Promise<HeldConnection | null>>) ?? (g.__salesagentWebhookConnectionLoads = new Map());

/** Connection id -> workspace, through the one function the app_webhooks role may run. */
export async function findWebhookConnection(id: string): Promise<KnownConnection | null> {
  if (!uuid.safeParse(id).success) return null;
  const db = await getDb();
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local role app_webhooks`);
    const res = (await tx.execute(
      sql`select workspace_id, integration_type, is_active from app.webhook_connection(${id}::uuid)`,
    )) as unknown as { rows: { workspace_id: string; integration_type: string; is_active: boolean }[] };
    return res.rows;
  });
  const row = rows[0];
  return row ? { id, workspaceId: row.workspace_id, type: row.integration_type, isActive: row.is_active } : null;
}

/** The system actor a webhook of this connection acts as. */
export function webhookActor(connection: WebhookConnection, requestId?: string): SystemActor {
  return { kind: 'system', name: `webhook:${connection.type}`, workspaceId: connection.workspaceId, requestId };
}

/**
 * The connection and its secrets, from memory when read less than about HOLD_MS ago; up to
 * STALE_MS the held entry answers while a refresh runs in the background (no request waits).
 * What a stale entry could get wrong is re-checked where it matters: the store re-reads on/off
 * and the workspace in its one statement, and a sender refused against held secrets is checked
 * again fresh (`fresh: true`). `types` limits which connection types have their secrets read.
 */
export async function heldWebhookConnection(id: string, types: string[], opts: { fresh?: boolean } = {}): Promise<HeldConnection | null> {
  const entry = held.get(id);
  const age = entry ? Date.now() - entry.at : Infinity;
  if (entry && !opts.fresh && age < STALE_MS) {
    if (age >= entry.holdMs && !entry.refreshing && refreshingNow < MAX_REFRESHING) {
      refreshingNow += 1;
      entry.refreshing = load(id, types)
        .catch(() => undefined)
        .finally(() => {
          refreshingNow -= 1;
          entry.refreshing = undefined;
        });
    }
    return { connection: entry.connection, secrets: entry.secrets, held: true };
  }
  // A fresh read does not join one that may have started before the change it is looking for.
  return opts.fresh ? read(id, types) : load(id, types);
}

/** One database read per connection at a time; concurrent callers share it. */
function load(id: string, types: string[]): Promise<HeldConnection | null> {
  let pending = loading.get(id);
  if (!pending) {
    pending = read(id, types).finally(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

async function read(id: string, types: string[]): Promise<HeldConnection | null> {
  const now = Date.now();
  const connection = await findWebhookConnection(id);
  if (!connection) {
    held.delete(id);
    return null;
  }
  let secrets: IntegrationSecrets | null = null;
  if (connection.isActive && types.includes(connection.type)) {
    const actor = webhookActor(connection);
    secrets = await withActor(actor, (tx) => readIntegrationSecrets(tx, actor, id));
  }
  if (held.size >= MAX_HELD) for (const [k, v] of held) if (now - v.at >= STALE_MS) held.delete(k);
  // ±20% per entry, so connections read together do not all expire together.
  if (held.size < MAX_HELD) held.set(id, { connection, secrets, at: now, holdMs: HOLD_MS * (0.8 + 0.4 * Math.random()) });
  return { connection, secrets, held: false };
}

/** Drops what this process holds for a connection (after connect, switch, config, disconnect). */
export function forgetWebhookConnection(id: string): void {
  held.delete(id);
}
