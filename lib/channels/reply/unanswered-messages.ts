// What the agent's next reply must answer, from stored history (not from an event).
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows } from '@/lib/db/actor';

/**
 * Inbound messages after the last thing said to the customer (an agent or operator message
 * that was not discarded; the off-hours notice does not count as an answer), oldest first.
 */
export async function unansweredMessageIds(tx: Tx, workspaceId: string, conversationId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select m.id from public.messages m
        where m.workspace_id = ${workspaceId}::uuid and m.conversation_id = ${conversationId}::uuid and m.role = 'user'
          and m.created_at > coalesce((
            select max(o.created_at) from public.messages o
            where o.workspace_id = ${workspaceId}::uuid and o.conversation_id = ${conversationId}::uuid
              and o.role in ('agent', 'operator') and o.status not in ('rejected', 'failed')
              and coalesce(o.metadata ->> 'off_hours', 'false') <> 'true'), '-infinity'::timestamptz)
        order by m.created_at, m.id`,
  );
  return rows.map((r) => r.id);
}
