// The re-check of a run before anything of a step happens (issue 10 "Stops"): inside the caller's
// transaction, the run's row locked (a stop committed meanwhile is seen; one that comes later
// waits for this transaction). The run must still be running at this step; the conversation
// open and not held by a person; its agent and the chain switched on — else the run stops here
// with the reason (the hooks normally stopped it already; this catches whatever slipped past).
// The chain's version may have moved on: the snapshot is what runs.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import type { ChainStopReason } from '@/lib/db/schema/chains';
import { stopRuns } from '../stop-runs';
import type { RunSnapshot } from './snapshot';

export interface LiveRun {
  id: string;
  chainId: string;
  agentId: string;
  conversationId: string;
  clientId: string | null;
  currentStep: number;
  snapshot: RunSnapshot;
}

export type RunCheck =
  | { ok: true; run: LiveRun }
  /** Nothing to do: the run is gone or ended, or this step already ran (a repeated claim). */
  | { ok: false; why: 'gone' | 'ended' | 'step_done'; stopReason?: string | null }
  /** Stopped now, by this check. */
  | { ok: false; why: 'stopped'; stopReason: ChainStopReason };

interface Row {
  id: string;
  chain_id: string;
  agent_id: string;
  conversation_id: string;
  client_id: string | null;
  status: string;
  stop_reason: string | null;
  current_step: number;
  snapshot: RunSnapshot;
  conv_status: string | null;
  agent_active: boolean | null;
  chain_active: boolean | null;
}

export async function checkRun(tx: Tx, workspaceId: string, runId: string, stepIndex: number): Promise<RunCheck> {
  const [found] = await queryRows<{ conversation_id: string }>(
    tx,
    sql`select conversation_id from public.chain_runs where workspace_id = ${workspaceId}::uuid and id = ${runId}::uuid`,
  );
  if (!found) return { ok: false, why: 'gone' };
  // Conversation first, then the run: the order the stop paths take (an inbound message, a takeover,
  // a stage change update the conversation and then stop its runs), so the two never deadlock.
  await tx.execute(
    sql`select id from public.conversations where workspace_id = ${workspaceId}::uuid and id = ${found.conversation_id}::uuid for no key update`,
  );
  const [locked] = await queryRows<{ id: string }>(
    tx,
    sql`select id from public.chain_runs where workspace_id = ${workspaceId}::uuid and id = ${runId}::uuid for update`,
  );
  if (!locked) return { ok: false, why: 'gone' };
  const [r] = await queryRows<Row>(
    tx,
    sql`select r.id, r.chain_id, r.agent_id, r.conversation_id, r.client_id, r.status, r.stop_reason, r.current_step, r.snapshot,
               c.status as conv_status, a.is_active as agent_active, ch.is_active as chain_active
        from public.chain_runs r
        left join public.conversations c on c.id = r.conversation_id and c.workspace_id = r.workspace_id
        left join public.agents a on a.id = r.agent_id and a.workspace_id = r.workspace_id
        left join public.chains ch on ch.id = r.chain_id and ch.workspace_id = r.workspace_id
        where r.workspace_id = ${workspaceId}::uuid and r.id = ${runId}::uuid`,
  );
  if (r.status !== 'running') return { ok: false, why: 'ended', stopReason: r.stop_reason };
  if (r.current_step !== stepIndex) return { ok: false, why: 'step_done' };
  const reason: ChainStopReason | null =
    r.conv_status === null || r.conv_status === 'closed'
      ? 'conversation_closed'
      : r.conv_status === 'paused'
        ? 'human_took_over'
        : !r.agent_active
          ? 'agent_off'
          : !r.chain_active
            ? 'chain_off'
            : null;
  if (reason) {
    await stopRuns(tx, { workspaceId, conversationId: r.conversation_id, chainId: r.chain_id, reason });
    return { ok: false, why: 'stopped', stopReason: reason };
  }
  return {
    ok: true,
    run: {
      id: r.id,
      chainId: r.chain_id,
      agentId: r.agent_id,
      conversationId: r.conversation_id,
      clientId: r.client_id,
      currentStep: r.current_step,
      snapshot: r.snapshot,
    },
  };
}
