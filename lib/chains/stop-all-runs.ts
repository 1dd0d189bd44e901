// "Stop all" in the chain editor (POST /api/agents/:id/chains/:chainId/runs/stop-all): every
// running run of the chain stops (`stopped_by_user`, by this member), their steps cancelled.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { getChain } from '@/lib/agents/manage-chains';
import { stopRunsAsSystem } from './stop-runs';

export async function stopAllRuns(actor: WorkspaceActor, agentId: string, chainId: string): Promise<{ stopped: number }> {
  assertCan(actor, 'agents.write');
  await getChain(actor, agentId, chainId); // 404 for another workspace's or agent's chain
  return withActor(actor, async (tx) => {
    const ids = await stopRunsAsSystem({
      workspaceId: actor.workspaceId,
      chainId,
      reason: 'stopped_by_user',
      userId: actor.kind === 'user' ? actor.userId : null,
    });
    await recordAudit(tx, actor, { action: 'stop_chain_runs', entityType: 'chain', entityId: chainId, newValues: { stopped: ids.length } });
    return { stopped: ids.length };
  });
}
