// Switches an agent on or off: to the given state, else the opposite of the current one.
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { requireAgent } from './load-agent';
import { presentAgent } from './present-agent';
import { toggleSchema } from './schemas';

export async function toggleAgent(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const { is_active } = toggleSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const before = await requireAgent(tx, actor, agentId);
    const [agent] = await tx
      .update(agents)
      .set({ isActive: is_active ?? !before.isActive, updatedAt: sql`now()` })
      .where(and(eq(agents.id, before.id), eq(agents.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'toggle_agent',
      entityType: 'agent',
      entityId: agent.id,
      oldValues: { is_active: before.isActive },
      newValues: { is_active: agent.isActive },
    });
    return presentAgent(agent);
  });
}
