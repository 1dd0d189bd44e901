// Which channels an agent answers in (one settings row per agent, created on first PUT).
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentChannels } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { requireAgent } from './load-agent';
import { presentChannels } from './present-agent';
import { setChannelsSchema } from './schemas';

export async function loadChannels(tx: Tx, workspaceId: string, agentId: string) {
  const [row] = await tx
    .select()
    .from(agentChannels)
    .where(and(eq(agentChannels.agentId, agentId), eq(agentChannels.workspaceId, workspaceId)));
  return presentChannels(row);
}

export async function getChannels(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadChannels(tx, actor.workspaceId, agentId);
  });
}

export async function setChannels(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = setChannelsSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    const before = await loadChannels(tx, actor.workspaceId, agentId);
    const values = { allChannels: input.all_channels, channels: input.channels };
    const [row] = await tx
      .insert(agentChannels)
      .values({ workspaceId: actor.workspaceId, agentId, ...values })
      .onConflictDoUpdate({ target: agentChannels.agentId, set: { ...values, updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_agent_channels',
      entityType: 'agent',
      entityId: agentId,
      oldValues: before,
      newValues: input,
    });
    return presentChannels(row);
  });
}
