// A customer wrote (issue 10 "Stops"): the follow-up chains running on that conversation stop
// (`customer_replied`), and the last step that went out records that the customer answered after
// it (the "replied after step N" statistic). Inside the inbound path's transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { stopRuns } from './stop-runs';

export async function chainsOnCustomerMessage(tx: Tx, workspaceId: string, conversationId: string, at: Date): Promise<string[]> {
  await tx.execute(sql`
    update public.chain_run_steps s set customer_replied_at = ${at.toISOString()}::timestamptz
    from public.chain_runs r
    where r.id = s.run_id and r.workspace_id = ${workspaceId}::uuid and r.conversation_id = ${conversationId}::uuid
      and r.status = 'running' and s.customer_replied_at is null and s.status in ('sent', 'drafted')
      and s.step_index = (select max(x.step_index) from public.chain_run_steps x where x.run_id = r.id and x.status in ('sent', 'drafted'))`);
  return stopRuns(tx, { workspaceId, conversationId, reason: 'customer_replied' });
}
