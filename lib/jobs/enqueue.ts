// Writes an event into the outbox inside the caller's transaction; it is relayed
// after the transaction commits (see relay-outbox.ts).
import type { Tx } from '@/lib/db/client';
import { eventOutbox } from '@/lib/db/schema/jobs';
import type { AppEventName, AppEvents } from './events';

export async function enqueueEvent<N extends AppEventName>(
  tx: Tx,
  /** null only for events before sign-in (password reset), written by the auth module. */
  workspaceId: string | null,
  name: N,
  data: AppEvents[N],
): Promise<void> {
  await tx.insert(eventOutbox).values({ workspaceId, name, data: data as unknown as Record<string, unknown> });
}
