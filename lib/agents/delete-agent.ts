// Deletes an agent; its settings, triggers and chains go with it (foreign keys cascade).
import { and, eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import type { WorkspaceActor } from '@/lib/db/actor';

export async function deleteAgent(actor: WorkspaceActor, agentId: string): Promise<void> {
  await withActor(actor, async (tx) => {
    const [agent] = await tx
      .delete(agents)
      .where(and(eq(agents.id, agentId), eq(agents.workspaceId, actor.workspaceId)))
      .returning();
    if (!agent) throw notFound('Agent');
    await recordAudit(tx, actor, {
      action: 'delete_agent',
      entityType: 'agent',
      entityId: agent.id,
      oldValues: { name: agent.name, model: agent.model, is_active: agent.isActive },
    });
  });
}
