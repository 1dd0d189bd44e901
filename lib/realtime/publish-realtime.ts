// Writes one realtime event in the caller's transaction (app.publish_realtime: the workspace
// is the actor's, the per-workspace sequence is gap-free, NOTIFY carries only the id after
// commit). Table writes of messages, conversations, notifications, agents' on/off and
// suggestions publish by trigger already; call this only for events no row change carries.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';

export interface RealtimeInput {
  /** `<noun>:<verb>`, e.g. `typing:started`. */
  type: string;
  conversationId?: string | null;
  /** Only this member sees it. */
  userId?: string | null;
  /** The permission a member needs to see it (lib/auth/permissions); null = every member. */
  permission?: string | null;
  /** Ids and small fields only; the browser refetches through the API. */
  payload?: Record<string, unknown>;
}

export async function publishRealtime(tx: Tx, input: RealtimeInput): Promise<number> {
  const [row] = await queryRows<{ seq: string | number }>(
    tx,
    sql`select app.publish_realtime(${input.type}, ${input.conversationId ?? null}::uuid, ${input.userId ?? null}::uuid,
                                    ${input.permission ?? null}, ${JSON.stringify(input.payload ?? {})}::jsonb) as seq`,
  );
  return Number(row.seq);
}
