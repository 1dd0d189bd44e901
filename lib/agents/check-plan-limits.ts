// Plan limits that apply to agents: how many a workspace may have and how long instructions may be.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { workspaces } from '@/lib/db/schema/core';
import { agents } from '@/lib/db/schema/agents';
import { planOf } from '@/lib/billing/plans';
import { unprocessable } from '@/lib/api/errors';

type WorkspaceRow = typeof workspaces.$inferSelect;

export function assertInstructionsFitPlan(workspace: WorkspaceRow, instructions: string): void {
  const plan = planOf(workspace.subscriptionPlan);
  if (instructions.length <= plan.instructionsMaxLength) return;
  throw unprocessable(
    `system_instructions can be at most ${plan.instructionsMaxLength} characters on the ${plan.id} plan (got ${instructions.length})`,
    { field: 'system_instructions', plan: plan.id, limit: plan.instructionsMaxLength, length: instructions.length },
    'instructions_too_long_for_plan',
  );
}

/**
 * Serialises agent creation per workspace (a transaction-scoped advisory lock)
 * so two parallel requests cannot both take the last free slot.
 */
export async function assertAgentSlotFree(tx: Tx, workspace: WorkspaceRow): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`agents:${workspace.id}`}))`);
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(agents)
    .where(eq(agents.workspaceId, workspace.id));
  const plan = planOf(workspace.subscriptionPlan);
  if (n < plan.maxAgents) return;
  throw unprocessable(
    `The ${plan.id} plan allows ${plan.maxAgents} agents; delete one or change the plan`,
    { plan: plan.id, limit: plan.maxAgents },
    'agent_limit_reached',
  );
}
