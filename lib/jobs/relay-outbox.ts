// Relays pending outbox events to Inngest, or runs them in-process when Inngest is not
// configured. Runs as the app_jobs role, never as the connection owner. Rows are claimed
// with a lease in one statement (SKIP LOCKED), so several instances may relay at once.
// The workspace comes from the outbox row (which RLS checked on insert), never from the
// payload: handlers act as that workspace's system actor, and the event sent to Inngest
// carries the row's workspace_id whatever the payload said. A failure leaves the event for
// a retry; after MAX_ATTEMPTS it is dead-lettered (state 'dead', error log, notification).
import { sql } from 'drizzle-orm';
import { afterCommit } from '@/lib/db/actor';
import { logger } from '@/lib/log/logger';
import { alertDeadLetter } from './dead-letter';
import { EVENT_TYPES, isAppEventName, parseEventData, type AppEvent } from './events';
import { inngest, inngestConfigured } from './inngest-client';
import { jobContext, jobsRows, withJobsRole, type JobContext } from './jobs-tx';
import { localHandlersFor } from './local-handlers';

interface Row {
  id: number | string;
  workspace_id: string | null;
  name: string;
  data: Record<string, unknown>;
  attempts: number;
}

export const OUTBOX_MAX_ATTEMPTS = 10;

/** A failure that retrying cannot fix (unknown event, invalid payload): dead at once. */
class PermanentError extends Error {}

export async function relayOutbox(limit = 100): Promise<{ sent: number; failed: number; dead: number }> {
  const rows = await withJobsRole((tx) =>
    jobsRows<Row>(
      tx,
      sql`update public.event_outbox set attempts = attempts + 1, claimed_until = now() + interval '5 minutes'
          where id in (
            select id from public.event_outbox
            where state = 'pending' and (claimed_until is null or claimed_until < now())
            order by id limit ${limit} for update skip locked)
          returning id, workspace_id, name, data, attempts`,
    ),
  );
  let sent = 0;
  let failed = 0;
  let dead = 0;
  for (const row of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    const id = Number(row.id);
    try {
      await deliver(row);
      await withJobsRole((tx) =>
        tx.execute(sql`update public.event_outbox set state = 'sent', sent_at = now(), claimed_until = null, last_error = null where id = ${id}`),
      );
      sent++;
    } catch (err) {
      const message = String((err as Error).message).slice(0, 1000);
      const bury = err instanceof PermanentError || row.attempts >= OUTBOX_MAX_ATTEMPTS;
      await withJobsRole((tx) =>
        tx.execute(
          bury
            ? sql`update public.event_outbox set state = 'dead', dead_at = now(), claimed_until = null, last_error = ${message} where id = ${id}`
            : sql`update public.event_outbox set claimed_until = null, last_error = ${message} where id = ${id}`,
        ),
      );
      if (bury) {
        dead++;
        await alertDeadLetter({ source: 'outbox', id, workspaceId: row.workspace_id, name: row.name, attempts: row.attempts, error: message });
      } else {
        failed++;
        logger.warn({ event: row.name, outbox_id: id, err: message }, 'event delivery failed; will retry');
      }
    }
  }
  return { sent, failed, dead };
}

async function deliver(row: Row): Promise<void> {
  if (!isAppEventName(row.name)) throw new PermanentError(`unknown event ${row.name}`);
  const payload: Record<string, unknown> = { ...row.data };
  // The row's workspace overrides whatever the payload names.
  if (row.workspace_id) payload.workspace_id = row.workspace_id;
  else delete payload.workspace_id;
  let data;
  try {
    data = parseEventData(row.name, payload);
  } catch (err) {
    throw new PermanentError(`invalid payload for ${row.name}: ${(err as Error).message}`);
  }
  const event = { name: row.name, data } as AppEvent;
  if (inngestConfigured()) {
    // A typed event (eventType.create): the SDK validates it against the schema again on send.
    const type = EVENT_TYPES[event.name] as unknown as { create(data: unknown, o: { id: string }): Parameters<typeof inngest.send>[0] };
    await inngest.send(type.create(event.data, { id: `outbox-${row.id}` }));
    return;
  }
  const ctx: JobContext = jobContext(row.workspace_id, `event:${row.name}`);
  for (const handler of localHandlersFor(event.name)) await handler(event, ctx);
}

/** Fire-and-forget relay after a request's transaction committed. */
export function relaySoon(): void {
  // Called inside a request's transaction the events are not committed yet: relay
  // once the outermost transaction commits (at once when there is none).
  void afterCommit(() => {
    setImmediate(() => {
      const relay = relayOutbox()
        .catch((err) => logger.error({ err }, 'outbox relay failed'))
        .finally(() => inFlight.delete(relay));
      inFlight.add(relay);
    });
  });
}

const inFlight = new Set<Promise<unknown>>();

/**
 * Resolves when the relays started by relaySoon have finished (those they start in turn
 * included). A process closing its database waits for this first, so background work such as a
 * file's text extraction does not run into a closed pool.
 */
export async function outboxRelaysSettled(): Promise<void> {
  // setImmediate: a relay scheduled by the last commit has not been added yet.
  await new Promise((r) => setImmediate(r));
  while (inFlight.size) {
    await Promise.allSettled([...inFlight]);
    await new Promise((r) => setImmediate(r));
  }
}
