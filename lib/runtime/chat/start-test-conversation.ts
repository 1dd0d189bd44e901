// A new test chat conversation: a real conversation of channel `test` for the member's own test
// client ("Test chat — <member>", reused), in the agent's first active pipeline (else the default
// one) at its first stage the agent works in. Runs inside the caller's transaction.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import { users } from '@/lib/db/schema/core';
import { agentPipelines, agents } from '@/lib/db/schema/agents';
import { clients, conversations, pipelines, pipelineStages } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { resolveStage } from '@/lib/crm/conversations/resolve-refs';

export async function requireTestAgent(tx: Tx, workspaceId: string, agentId: string) {
  const [agent] = await tx
    .select({ id: agents.id, name: agents.name })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)));
  if (!agent) throw notFound('Agent');
  return agent;
}

async function testClient(tx: Tx, actor: WorkspaceActor): Promise<string> {
  const ws = actor.workspaceId;
  const userId = actorUserId(actor);
  const key = userId ?? `system:${actor.kind === 'system' ? actor.name : ''}`;
  const [found] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.workspaceId, ws), sql`${clients.metadata}->>'test_chat_member' = ${key}`))
    .limit(1);
  if (found) return found.id;
  let name = 'API';
  if (userId) {
    const [u] = await tx.select({ fullName: users.fullName, email: users.email }).from(users).where(eq(users.id, userId));
    name = u?.fullName?.trim() || u?.email || name;
  }
  const [row] = await tx
    .insert(clients)
    .values({ workspaceId: ws, name: `Test chat — ${name}`.slice(0, 255), metadata: { test_chat_member: key }, createdBy: userId })
    .returning({ id: clients.id });
  return row.id;
}

/** The agent's first active pipeline that exists and the first of its stages the agent works in. */
async function agentStage(tx: Tx, workspaceId: string, agentId: string) {
  const links = await tx
    .select({ pipelineId: agentPipelines.pipelineId, allStages: agentPipelines.allStages, stages: agentPipelines.stages })
    .from(agentPipelines)
    .where(and(eq(agentPipelines.workspaceId, workspaceId), eq(agentPipelines.agentId, agentId), eq(agentPipelines.isActive, true)))
    .orderBy(asc(agentPipelines.orderIndex), asc(agentPipelines.createdAt));
  for (const link of links) {
    const [p] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), sql`${pipelines.id}::text = ${link.pipelineId}`));
    if (!p) continue;
    const stages = await tx
      .select()
      .from(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, p.id)))
      .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt));
    const stage = link.allStages || !link.stages.length ? stages[0] : (stages.find((s) => link.stages.includes(s.id)) ?? stages[0]);
    if (stage) return { pipelineId: p.id, stage };
  }
  return resolveStage(tx, workspaceId, {});
}

export async function startTestConversation(tx: Tx, actor: WorkspaceActor, agentId: string): Promise<string> {
  const ws = actor.workspaceId;
  const agent = await requireTestAgent(tx, ws, agentId);
  const clientId = await testClient(tx, actor);
  const { pipelineId, stage } = await agentStage(tx, ws, agent.id);
  const [row] = await tx
    .insert(conversations)
    .values({
      workspaceId: ws,
      clientId,
      agentId: agent.id,
      pipelineId,
      stageId: stage.id,
      title: `Test chat · ${agent.name}`.slice(0, 255),
      channelType: 'test',
      metadata: { test_chat: true },
      stageChangedAt: sql`now()`,
      createdBy: actorUserId(actor),
    })
    .returning({ id: conversations.id });
  await recordEvent(tx, actor, {
    type: 'dialog_created',
    conversationId: row.id,
    clientId,
    payload: { title: `Test chat · ${agent.name}`, channel: 'test', pipeline_id: pipelineId, stage_id: stage.id, stage: stage.code, price: null },
  });
  await recordAudit(tx, actor, { action: 'start_test_conversation', entityType: 'conversation', entityId: row.id, newValues: { agent_id: agent.id, client_id: clientId } });
  return row.id;
}
