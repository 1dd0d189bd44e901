// Connection health for the settings page: when something last came in / went out and the
// last error. Called by the channel path (system actor `channels`) inside its transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';

export async function recordOutboundOk(tx: Tx, integrationId: string): Promise<void> {
  await tx.execute(sql`update public.integrations set last_outbound_at = now() where id = ${integrationId}::uuid`);
}

/** A provider error worth showing (never a token: pass our own message or the provider's description). */
export async function recordChannelError(tx: Tx, integrationId: string, message: string): Promise<void> {
  await tx.execute(
    sql`update public.integrations set last_error = ${message.slice(0, 500)}, last_error_at = now() where id = ${integrationId}::uuid`,
  );
}
