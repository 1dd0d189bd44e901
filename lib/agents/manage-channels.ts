// Which channels an agent answers in (one settings row per agent, created on first PUT).
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentChannels } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
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

export async function getChannels(caller: WorkspaceCaller, agentId: string) {
  return withActor(caller.actor, async (tx) => {
    await requireAgent(tx, caller, agentId);
    return loadChannels(tx, caller.workspace.id, agentId);
  });
}

export async function setChannels(caller: WorkspaceCaller, agentId: string, raw: unknown) {
  const input = setChannelsSchema.parse(raw);
  return withActor(caller.actor, async (tx) => {
    await requireAgent(tx, caller, agentId);
    const before = await loadChannels(tx, caller.workspace.id, agentId);
    const values = { allChannels: input.all_channels, channels: input.channels };
    const [row] = await tx
      .insert(agentChannels)
      .values({ workspaceId: caller.workspace.id, agentId, ...values })
      .onConflictDoUpdate({ target: agentChannels.agentId, set: { ...values, updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'update_agent_channels',
      entityType: 'agent',
      entityId: agentId,
      oldValues: before,
      newValues: input,
    });
    return presentChannels(row);
  });
}
