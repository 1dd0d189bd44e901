// The durable start hook of follow-up chains (issue 10 "Behaviour" 1; docs/chains-api.md "When a
// run starts"): due work `chain.start` subject `conversation:<id>` due now, scheduled inside the
// caller's transaction (the agent turn's stored reply). Stage entry schedules the same item from a
// trigger on conversations.stage_id (migration 20261201000300). Its handler
// (start-due-handler.ts) judges exclusions with the model outside any transaction, then starts.
import type { Tx } from '@/lib/db/client';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';

export const CHAIN_START_KIND = 'chain.start';

export type ChainStartCause = 'agent_turn' | 'stage_entered';

export async function scheduleChainStart(
  tx: Tx,
  input: { workspaceId: string; conversationId: string; cause: ChainStartCause; now?: Date },
): Promise<void> {
  await scheduleDueWork(tx, {
    workspaceId: input.workspaceId,
    kind: CHAIN_START_KIND,
    subject: `conversation:${input.conversationId}`,
    dueAt: input.now ?? new Date(),
    payload: { conversation_id: input.conversationId, cause: input.cause },
  });
}
