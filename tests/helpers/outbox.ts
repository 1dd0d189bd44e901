// Waits until every outbox event was relayed (the request path only enqueues).
import { relayOutbox } from '@/lib/jobs/relay-outbox';
import type { Database } from '@/lib/db/client';

export async function settleOutbox(db: Database, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await relayOutbox();
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from event_outbox where sent_at is null and attempts < 10`,
    );
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox still has ${n} pending events`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
