// Changes an agent's own fields (not its sub-resources), including working hours.
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { assertInstructionsFitPlan } from './check-plan-limits';
import { agentColumns } from './create-agent';
import { diffSnapshots } from './diff-snapshots';
import { requireAgent } from './load-agent';
import { loadWorkspace } from '@/lib/workspaces/load-workspace';
import { presentAgent } from './present-agent';
import { assertReady, loadReadiness } from './check-readiness';
import { invalidField, scheduleProblem, updateAgentSchema } from './schemas';

export async function updateAgent(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = updateAgentSchema.parse(raw);
  const patch = agentColumns(input);
  return withActor(actor, async (tx) => {
    if (patch.systemInstructions !== undefined) {
      assertInstructionsFitPlan(await loadWorkspace(tx, actor.workspaceId), patch.systemInstructions);
    }
    const before = await requireAgent(tx, actor, agentId);
    // The rule spans two fields, so it is checked on the merged result.
    const problem = scheduleProblem(
      patch.scheduleEnabled ?? before.scheduleEnabled,
      patch.workingSchedule !== undefined ? patch.workingSchedule : before.workingSchedule,
    );
    if (problem) throw invalidField('working_schedule', problem.message, problem.code);
    const diff = diffSnapshots(presentAgent(before), input);
    if (!diff.changed) return { ...presentAgent(before), readiness: await loadReadiness(tx, actor.workspaceId, before) };
    if (patch.isActive && !before.isActive) {
      // Switching on an agent that cannot answer is refused (judged with this PATCH's kb_only/model).
      assertReady(await loadReadiness(tx, actor.workspaceId, { ...before, ...patch }));
    }
    const [after] = await tx
      .update(agents)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(agents.id, before.id), eq(agents.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_agent',
      entityType: 'agent',
      entityId: after.id,
      oldValues: diff.oldValues,
      newValues: diff.newValues,
    });
    return { ...presentAgent(after), readiness: await loadReadiness(tx, actor.workspaceId, after) };
  });
}
