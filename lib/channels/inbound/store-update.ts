// Webhook step 1: keep a provider's raw update once per (connection, provider id) and hand it
// to the jobs layer, in the webhook's transaction. A repeated delivery finds the row and
// creates nothing (no second due item either). The caller answers 2xx right after.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHANNEL_DUE_KINDS } from '../types';

export interface StoreUpdateInput {
  workspaceId: string;
  integrationId: string;
  /** Telegram update_id, WhatsApp wamid / status id, widget client message id. */
  updateKey: string;
  payload: unknown;
}

export async function storeChannelUpdate(tx: Tx, input: StoreUpdateInput): Promise<{ id: string | null; duplicate: boolean }> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into public.channel_updates (workspace_id, integration_id, update_key, payload)
        values (${input.workspaceId}::uuid, ${input.integrationId}::uuid, ${input.updateKey}, ${JSON.stringify(input.payload)}::jsonb)
        on conflict (integration_id, update_key) do nothing
        returning id`,
  );
  if (!row) return { id: null, duplicate: true };
  // Health, at most every few seconds: a busy bot's updates do not queue on the connection's row
  // (a row the WHERE leaves out is not locked).
  await tx.execute(sql`update public.integrations set last_inbound_at = now()
      where id = ${input.integrationId}::uuid and (last_inbound_at is null or last_inbound_at < now() - interval '5 seconds')`);
  await scheduleDueWork(tx, {
    workspaceId: input.workspaceId,
    kind: CHANNEL_DUE_KINDS.update,
    subject: `update:${row.id}`,
    dueAt: new Date(),
    maxAttempts: 8,
  });
  return { id: row.id, duplicate: false };
}
