// Webhook step 1: keep a provider's raw update once per (connection, provider id) and hand it
// to the jobs layer. A repeated delivery finds the row and creates nothing (no second due item
// either). One statement does it all: app.store_channel_update() (migration
// 20261130001000_channel_update_store.sql) stores the update, marks the connection's last
// inbound time and schedules the due work 'channel.update' (plus the Inngest event when Inngest
// runs the due work).
//   storeChannelUpdate(tx, …)      inside a system actor's transaction (polling, WhatsApp batch)
//   storeChannelUpdateNow(actor, …) on its own, as the webhook's single round trip
import { sql } from 'drizzle-orm';
import { afterCommit, currentTx, queryRows, type SystemActor } from '@/lib/db/actor';
import { getDatabase, type Tx } from '@/lib/db/client';
import { inngestConfigured } from '@/lib/jobs/inngest-client';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { hintDueRunner } from '@/lib/jobs/due-work/runner';

export interface StoreUpdateInput {
  workspaceId: string;
  integrationId: string;
  /** Telegram update_id, WhatsApp wamid / status id, widget client message id. */
  updateKey: string;
  /** The update, or its JSON text exactly as received (saves a parse-and-serialise). */
  payload: unknown;
  payloadJson?: string;
}

export type StoreOutcome = 'stored' | 'duplicate' | 'inactive' | 'not_found';

export interface StoreUpdateResult {
  id: string | null;
  duplicate: boolean;
  outcome: StoreOutcome;
}

interface Row {
  outcome: StoreOutcome;
  update_id: string | null;
  due_at: Date | string | null;
}

const STATEMENT = `select outcome, update_id, due_at from app.store_channel_update($1::uuid, $2::uuid, $3, $4::jsonb, $5)`;

function params(input: StoreUpdateInput): unknown[] {
  return [input.workspaceId, input.integrationId, input.updateKey, input.payloadJson ?? JSON.stringify(input.payload), inngestConfigured()];
}

/** Wakes whoever runs the due work once the row is visible (committed). */
function wake(row: Row): void {
  if (row.outcome !== 'stored' || !row.due_at) return;
  if (inngestConfigured()) relaySoon();
  else hintDueRunner(new Date(row.due_at));
}

function result(row: Row | undefined): StoreUpdateResult {
  const outcome = row?.outcome ?? 'not_found';
  return { id: row?.update_id ?? null, duplicate: outcome === 'duplicate', outcome };
}

/** Inside the caller's system-actor transaction. */
export async function storeChannelUpdate(tx: Tx, input: StoreUpdateInput): Promise<StoreUpdateResult> {
  const [row] = await queryRows<Row>(
    tx,
    sql`select outcome, update_id, due_at from app.store_channel_update(${input.workspaceId}::uuid, ${input.integrationId}::uuid,
          ${input.updateKey}, ${input.payloadJson ?? JSON.stringify(input.payload)}::jsonb, ${inngestConfigured()})`,
  );
  if (row) await afterCommit(() => wake(row));
  return result(row);
}

/**
 * On its own: one statement, which is its own transaction. For the webhook route, whose sender
 * was verified before; the actor is that connection's workspace's system actor.
 */
export async function storeChannelUpdateNow(actor: SystemActor, input: Omit<StoreUpdateInput, 'workspaceId'>): Promise<StoreUpdateResult> {
  // The embedded database has one connection: a statement beside an open transaction would wait on it.
  if (currentTx()) throw new Error('storeChannelUpdateNow inside a transaction: use storeChannelUpdate(tx, …)');
  const db = await getDatabase();
  const [row] = await db.query<Row>(STATEMENT, params({ ...input, workspaceId: actor.workspaceId }));
  if (row) wake(row);
  return result(row);
}
