// GET /api/agents/:id/chains/:chainId/stats (issue 10 "Results"): per chain — runs started, how
// many are running or completed, how many each reason stopped — and per step — messages sent,
// drafts written, failures, and customers who answered after that step.
import { sql } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { getChain } from '@/lib/agents/manage-chains';

export interface ChainStats {
  runs_started: number;
  running: number;
  completed: number;
  stopped_by: Record<string, number>;
  steps: { index: number; sent: number; drafted: number; failed: number; replied_after: number }[];
}

export async function chainStats(actor: WorkspaceActor, agentId: string, chainId: string): Promise<ChainStats> {
  assertCan(actor, 'agents.read');
  const chain = await getChain(actor, agentId, chainId); // 404 for another workspace's or agent's chain
  return withActor(actor, async (tx) => {
    const runs = await queryRows<{ status: string; stop_reason: string | null; n: number }>(
      tx,
      sql`select status, stop_reason, count(*)::int as n from public.chain_runs
          where workspace_id = ${actor.workspaceId}::uuid and chain_id = ${chainId}::uuid group by status, stop_reason`,
    );
    const steps = await queryRows<{ step_index: number; sent: number; drafted: number; failed: number; replied_after: number }>(
      tx,
      sql`select s.step_index,
                 count(*) filter (where s.status = 'sent')::int as sent,
                 count(*) filter (where s.status = 'drafted')::int as drafted,
                 count(*) filter (where s.status = 'failed')::int as failed,
                 count(*) filter (where s.customer_replied_at is not null)::int as replied_after
          from public.chain_run_steps s join public.chain_runs r on r.id = s.run_id
          where r.workspace_id = ${actor.workspaceId}::uuid and r.chain_id = ${chainId}::uuid
          group by s.step_index`,
    );
    const stoppedBy: Record<string, number> = {};
    let started = 0;
    let running = 0;
    let completed = 0;
    for (const r of runs) {
      started += r.n;
      if (r.status === 'running') running += r.n;
      else if (r.status === 'completed') completed += r.n;
      else if (r.stop_reason) stoppedBy[r.stop_reason] = (stoppedBy[r.stop_reason] ?? 0) + r.n;
    }
    // Every step of the chain as it is now, plus any older step a run of an earlier version had.
    const count = Math.max(chain.steps.length, ...steps.map((s) => s.step_index + 1));
    const byIndex = new Map(steps.map((s) => [s.step_index, s]));
    return {
      runs_started: started,
      running,
      completed,
      stopped_by: stoppedBy,
      steps: Array.from({ length: count }, (_, index) => {
        const s = byIndex.get(index);
        return { index, sent: s?.sent ?? 0, drafted: s?.drafted ?? 0, failed: s?.failed ?? 0, replied_after: s?.replied_after ?? 0 };
      }),
    };
  });
}
