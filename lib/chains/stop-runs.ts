// Stopping follow-up chain runs (issue 10; docs/chains-api.md "Stops"): at once, with the reason
// recorded, and the run's pending due work cancelled in the same transaction — a step claimed
// at that moment re-checks the run before sending and finds it stopped. Called inside the
// caller's transaction (the inbound path, takeover, close, stage change, chain/agent switches).
import { sql } from 'drizzle-orm';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import type { ChainStopReason } from '@/lib/db/schema/chains';
import { cancelDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHAINS_ACTOR, CHAIN_STEP_KIND } from './types';

export interface StopRunsInput {
  workspaceId: string;
  reason: ChainStopReason;
  /** Which running runs: a conversation's, a chain's or an agent's (at least one), or all of the workspace's. */
  conversationId?: string;
  chainId?: string;
  agentId?: string;
  /** Every running run of the workspace (the AI quota ran out). */
  wholeWorkspace?: boolean;
  /** One run (a step that failed for good). */
  runId?: string;
  /** The member who stopped them (stop-all), for stopped_by. */
  userId?: string | null;
}

/** Stops the matching running runs; returns their ids. */
export async function stopRuns(tx: Tx, input: StopRunsInput): Promise<string[]> {
  if (!input.conversationId && !input.chainId && !input.agentId && !input.runId && !input.wholeWorkspace) {
    throw new Error('stopRuns needs a conversation, chain, agent or run, or wholeWorkspace');
  }
  const where = [sql`workspace_id = ${input.workspaceId}::uuid`, sql`status = 'running'`];
  if (input.conversationId) where.push(sql`conversation_id = ${input.conversationId}::uuid`);
  if (input.chainId) where.push(sql`chain_id = ${input.chainId}::uuid`);
  if (input.agentId) where.push(sql`agent_id = ${input.agentId}::uuid`);
  if (input.runId) where.push(sql`id = ${input.runId}::uuid`);
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update public.chain_runs
        set status = 'stopped', stop_reason = ${input.reason}, finished_at = now(), next_due_at = null,
            stopped_by = ${input.userId ?? null}::uuid, updated_at = now()
        where ${sql.join(where, sql` and `)}
        returning id`,
  );
  for (const { id } of rows) await cancelDueWork(tx, { workspaceId: input.workspaceId, kind: CHAIN_STEP_KIND, subject: `chain_run:${id}` });
  return rows.map((r) => r.id);
}

/**
 * From any actor's transaction (a member's takeover or close): stops as the `chains` system actor,
 * in the same transaction — members may not write runs themselves.
 */
export function stopRunsAsSystem(input: StopRunsInput): Promise<string[]> {
  return withActor(systemActor(CHAINS_ACTOR, input.workspaceId), (tx) => stopRuns(tx, input));
}
