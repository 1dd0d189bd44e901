// The customer messages a suggestion answers: those after the last reply the customer actually
// got (an agent or operator message that is not a draft, rejected or failed), oldest first.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';

export const UNANSWERED_LIMIT = 10;

export interface UnansweredMessage {
  id: string;
  content: string;
}

export async function findUnansweredMessages(tx: Tx, workspaceId: string, conversationId: string): Promise<UnansweredMessage[]> {
  const rows = await queryRows<{ id: string; content: string }>(
    tx,
    sql`select m.id, m.content from public.messages m
        where m.workspace_id = ${workspaceId} and m.conversation_id = ${conversationId} and m.role = 'user'
          and m.created_at > coalesce((
            select max(r.created_at) from public.messages r
            where r.workspace_id = ${workspaceId} and r.conversation_id = ${conversationId}
              and r.role in ('agent', 'operator') and r.status not in ('draft', 'rejected', 'failed')
          ), '-infinity'::timestamptz)
        order by m.created_at desc, m.id desc
        limit ${UNANSWERED_LIMIT}`,
  );
  return rows
    .reverse()
    .filter((r) => r.content.trim() !== '')
    .map((r) => ({ id: r.id, content: r.content }));
}
