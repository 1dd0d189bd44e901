// Writes an event into the outbox inside the caller's transaction; it is relayed
// after the transaction commits (see relay-outbox.ts). The workspace is the row's; the
// relay ignores any workspace the payload names.
import type { Tx } from '@/lib/db/client';
import { eventOutbox } from '@/lib/db/schema/jobs';
import { parseEventData, type AppEventName, type AppEvents } from './events';

export async function enqueueEvent<N extends AppEventName>(
  tx: Tx,
  /** null only for events before sign-in (password reset), written by the auth module. */
  workspaceId: string | null,
  name: N,
  data: AppEvents[N],
): Promise<void> {
  // A payload that does not match its event's schema is a bug: refuse it here, not at relay time.
  const valid = parseEventData(name, data);
  await tx.insert(eventOutbox).values({ workspaceId, name, data: valid as unknown as Record<string, unknown> });
}
