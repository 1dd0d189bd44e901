// Which agent answers a conversation (seed 000 business logic 1, step 3): its own agent when
// that one is switched on; otherwise the first active agent whose active pipelines cover the
// conversation's pipeline and stage and whose channels cover its channel. Null: a human must.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { agentChannels, agentPipelines, agents } from '@/lib/db/schema/agents';

export type ReplyAgent = Pick<
  typeof agents.$inferSelect,
  'id' | 'name' | 'isActive' | 'responseDelaySeconds' | 'scheduleEnabled' | 'workingSchedule' | 'offHoursMessage'
>;

/** Conversation channel types as the agent settings name them (seed 000 channels list). */
const AGENT_CHANNEL: Record<string, string> = { web_chat: 'chat' };

const columns = {
  id: agents.id,
  name: agents.name,
  isActive: agents.isActive,
  responseDelaySeconds: agents.responseDelaySeconds,
  scheduleEnabled: agents.scheduleEnabled,
  workingSchedule: agents.workingSchedule,
  offHoursMessage: agents.offHoursMessage,
};

export async function loadReplyAgent(tx: Tx, workspaceId: string, agentId: string): Promise<ReplyAgent | null> {
  const [row] = await tx.select(columns).from(agents).where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)));
  return row ?? null;
}

export async function findReplyAgent(
  tx: Tx,
  workspaceId: string,
  conv: { agentId: string | null; pipelineId: string | null; stageId: string | null; channelType: string },
): Promise<ReplyAgent | null> {
  if (conv.agentId) {
    const own = await loadReplyAgent(tx, workspaceId, conv.agentId);
    if (own?.isActive) return own;
  }
  if (!conv.pipelineId) return null;
  const candidates = await tx
    .select({ ...columns, allStages: agentPipelines.allStages, stages: agentPipelines.stages })
    .from(agentPipelines)
    .innerJoin(agents, and(eq(agents.id, agentPipelines.agentId), eq(agents.workspaceId, agentPipelines.workspaceId)))
    .where(
      and(
        eq(agentPipelines.workspaceId, workspaceId),
        eq(agentPipelines.isActive, true),
        eq(agentPipelines.pipelineId, conv.pipelineId),
        eq(agents.isActive, true),
      ),
    )
    .orderBy(asc(agents.createdAt), asc(agents.id));
  const covering = candidates.filter((c) => c.allStages || (!!conv.stageId && (c.stages ?? []).includes(conv.stageId)));
  if (!covering.length) return null;
  const channelRows = await tx
    .select({ agentId: agentChannels.agentId, all: agentChannels.allChannels, channels: agentChannels.channels })
    .from(agentChannels)
    .where(and(eq(agentChannels.workspaceId, workspaceId), inArray(agentChannels.agentId, covering.map((c) => c.id))));
  const wanted = AGENT_CHANNEL[conv.channelType] ?? conv.channelType;
  const found = covering.find((c) => {
    const ch = channelRows.find((r) => r.agentId === c.id);
    // No channel settings saved yet: the agent answers in every channel.
    return !ch || ch.all || (ch.channels ?? []).includes(wanted);
  });
  if (!found) return null;
  const { allStages: _a, stages: _s, ...agent } = found;
  return agent;
}
