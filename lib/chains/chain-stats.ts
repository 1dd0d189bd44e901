// GET /api/agents/:id/chains/:chainId/stats (issue 10 "Results"): per chain — runs started, how
// many are running or completed, how many each reason stopped — and per step — messages sent,
// drafts written, failures, and customers who answered after that step.
import { sql } from 'drizzle-orm';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
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

/** The summary each chain list row carries (issue 10 "Results" on the chain list and the agent page). */
export interface ChainListStats {
  runs_started: number;
  running: number;
  sent: number;
  replied: number;
}

const NO_STATS: ChainListStats = { runs_started: 0, running: 0, sent: 0, replied: 0 };

/**
 * The summary of many chains in one query (not one per chain): runs started, running now, messages
 * sent by their steps, and steps a customer answered after. Inside the caller's transaction.
 */
export async function chainListStats(tx: Tx, workspaceId: string, chainIds: readonly string[]): Promise<(chainId: string) => ChainListStats> {
  if (!chainIds.length) return () => NO_STATS;
  const rows = await queryRows<ChainListStats & { chain_id: string }>(
    tx,
    sql`select r.chain_id,
               count(distinct r.id)::int as runs_started,
               count(distinct r.id) filter (where r.status = 'running')::int as running,
               count(s.id) filter (where s.status = 'sent')::int as sent,
               count(s.id) filter (where s.customer_replied_at is not null)::int as replied
        from public.chain_runs r left join public.chain_run_steps s on s.run_id = r.id
        where r.workspace_id = ${workspaceId}::uuid
          and r.chain_id = any(array[${sql.join(chainIds.map((id) => sql`${id}`), sql`, `)}]::uuid[])
        group by r.chain_id`,
  );
  const byChain = new Map(rows.map(({ chain_id, ...s }) => [chain_id, s]));
  return (chainId) => byChain.get(chainId) ?? NO_STATS;
}
