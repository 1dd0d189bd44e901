// "Stop" on the conversation view's follow-up card (POST /api/conversations/:id/chain-runs/:runId/stop):
// the member stops one running run of this conversation (`stopped_by_user`, by them), its pending
// step cancelled, audited. Another workspace's conversation or run: 404; a run already finished: 409.
import { sql } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { conflict, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { listConversationRuns, type ChainRun } from './list-runs';
import { stopRunsAsSystem } from './stop-runs';

export async function stopConversationRun(actor: WorkspaceActor, conversationId: string, runId: string): Promise<{ run: ChainRun }> {
  assertCan(actor, 'conversations.write');
  return withActor(actor, async (tx) => {
    const [run] = await queryRows<{ chain_id: string; status: string }>(
      tx,
      sql`select chain_id, status from public.chain_runs
          where id = ${runId}::uuid and conversation_id = ${conversationId}::uuid and workspace_id = ${actor.workspaceId}::uuid`,
    );
    if (!run) throw notFound('Chain run');
    if (run.status !== 'running') throw conflict('This follow-up is not running any more');
    // At most one running run of a chain per conversation (unique partial index): chain + conversation is this run.
    await stopRunsAsSystem({
      workspaceId: actor.workspaceId,
      conversationId,
      chainId: run.chain_id,
      reason: 'stopped_by_user',
      userId: actor.kind === 'user' ? actor.userId : null,
    });
    await recordAudit(tx, actor, { action: 'stop_chain_run', entityType: 'chain_run', entityId: runId, newValues: { conversation_id: conversationId } });
    const { data } = await listConversationRuns(actor, conversationId);
    return { run: data.find((r) => r.id === runId)! };
  });
}
