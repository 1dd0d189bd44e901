// Relays pending outbox events to Inngest, or runs them in-process when Inngest
// is not configured. Rows are claimed with a lease in one statement (SKIP LOCKED),
// so several instances may relay at once; a failure leaves the event for a retry.
import { getDatabase } from '@/lib/db/client';
import { afterCommit } from '@/lib/db/actor';
import { logger } from '@/lib/log/logger';
import { inngest, inngestConfigured } from './inngest-client';
import { localHandlersFor } from './local-handlers';
import type { AppEvent } from './events';

interface Row {
  id: number;
  name: string;
  data: Record<string, unknown>;
}

const MAX_ATTEMPTS = 10;

export async function relayOutbox(limit = 100): Promise<{ sent: number; failed: number }> {
  const db = await getDatabase();
  const rows = await db.query<Row>(
    `update public.event_outbox set attempts = attempts + 1, claimed_until = now() + interval '5 minutes'
     where id in (
       select id from public.event_outbox
       where sent_at is null and attempts < $1 and (claimed_until is null or claimed_until < now())
       order by id limit $2 for update skip locked)
     returning id, name, data`,
    [MAX_ATTEMPTS, limit],
  );
  let sent = 0;
  let failed = 0;
  for (const row of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    try {
      await deliver({ name: row.name, data: row.data } as unknown as AppEvent, row.id);
      await db.query('update public.event_outbox set sent_at = now(), claimed_until = null where id = $1', [row.id]);
      sent++;
    } catch (err) {
      failed++;
      await db.query('update public.event_outbox set claimed_until = null, last_error = $2 where id = $1', [
        row.id,
        String((err as Error).message).slice(0, 1000),
      ]);
      logger.warn({ event: row.name, outbox_id: row.id, err: (err as Error).message }, 'event delivery failed; will retry');
    }
  }
  return { sent, failed };
}

async function deliver(event: AppEvent, outboxId: number): Promise<void> {
  if (inngestConfigured()) {
    await inngest.send({ id: `outbox-${outboxId}`, name: event.name, data: event.data as Record<string, unknown> });
    return;
  }
  for (const handler of localHandlersFor(event.name)) await handler(event);
}

/** Fire-and-forget relay after a request's transaction committed. */
export function relaySoon(): void {
  // Called inside a request's transaction the events are not committed yet: relay
  // once the outermost transaction commits (at once when there is none).
  void afterCommit(() => {
    setImmediate(() => {
      relayOutbox().catch((err) => logger.error({ err }, 'outbox relay failed'));
    });
  });
}
