// Switches an agent on or off: to the given state, else the opposite of the current one.
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { requireAgent } from './load-agent';
import { presentAgent } from './present-agent';
import { toggleSchema } from './schemas';
import { assertReady, loadReadiness } from './check-readiness';
import { stopRunsAsSystem } from '@/lib/chains/stop-runs';

export async function toggleAgent(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const { is_active } = toggleSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const before = await requireAgent(tx, actor, agentId);
    const on = is_active ?? !before.isActive;
    // Switching on an agent that cannot answer is refused with what is missing.
    if (on && !before.isActive) assertReady(await loadReadiness(tx, actor.workspaceId, before));
    const [agent] = await tx
      .update(agents)
      .set({ isActive: on, updatedAt: sql`now()` })
      .where(and(eq(agents.id, before.id), eq(agents.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'toggle_agent',
      entityType: 'agent',
      entityId: agent.id,
      oldValues: { is_active: before.isActive },
      newValues: { is_active: agent.isActive },
    });
    // Switched off: its follow-up chains stop (issue 10).
    if (before.isActive && !agent.isActive) await stopRunsAsSystem({ workspaceId: actor.workspaceId, agentId: agent.id, reason: 'agent_off' });
    return { ...presentAgent(agent), readiness: await loadReadiness(tx, actor.workspaceId, agent) };
  });
}
