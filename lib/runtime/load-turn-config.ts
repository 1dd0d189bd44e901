// What a turn needs to know about its agent and conversation, read once per turn in one
// transaction (a consistent snapshot): the agent row, its active pipelines, knowledge scope,
// CRM access, update rules, active triggers with their actions in order, company knowledge,
// sales scripts and objection responses.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import {
  agentCrmAccess,
  agentKnowledgeBase,
  agentPipelines,
  agentUpdateRules,
  agents,
  companyKnowledge,
  objectionResponses,
  salesScripts,
  triggerActions,
  triggers,
} from '@/lib/db/schema/agents';
import { conversations, pipelineStages } from '@/lib/db/schema/crm';
import { loadFields } from '@/lib/crm/builtin/list-fields';
import { notFound } from '@/lib/api/errors';
import type { AgentTurnConfig, CrmEntityType, TurnConversation } from './types';

const CREATIVITY = ['precise', 'balanced', 'creative'] as const;

export async function loadTurnConfig(actor: WorkspaceActor, agentId: string): Promise<AgentTurnConfig> {
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    const [agent] = await tx.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.workspaceId, ws)));
    if (!agent) throw notFound('Agent');
    const ofAgent = (t: { agentId: AnyPgColumn; workspaceId: AnyPgColumn }) => and(eq(t.agentId, agentId), eq(t.workspaceId, ws));

    const pipelineRows = await tx
      .select()
      .from(agentPipelines)
      .where(and(ofAgent(agentPipelines), eq(agentPipelines.isActive, true)))
      .orderBy(asc(agentPipelines.orderIndex), asc(agentPipelines.createdAt));
    const [kb] = await tx.select().from(agentKnowledgeBase).where(ofAgent(agentKnowledgeBase));
    const [access] = await tx.select().from(agentCrmAccess).where(ofAgent(agentCrmAccess));
    const rules = await tx
      .select()
      .from(agentUpdateRules)
      .where(ofAgent(agentUpdateRules))
      .orderBy(asc(agentUpdateRules.orderIndex), asc(agentUpdateRules.createdAt));
    const triggerRows = await tx
      .select()
      .from(triggers)
      .where(and(ofAgent(triggers), eq(triggers.isActive, true)))
      .orderBy(asc(triggers.createdAt), asc(triggers.name));
    const actionRows = triggerRows.length
      ? await tx
          .select()
          .from(triggerActions)
          .where(and(eq(triggerActions.workspaceId, ws), inArray(triggerActions.triggerId, triggerRows.map((t) => t.id))))
          .orderBy(asc(triggerActions.orderIndex), asc(triggerActions.createdAt))
      : [];
    const knowledge = await tx
      .select()
      .from(companyKnowledge)
      .where(ofAgent(companyKnowledge))
      .orderBy(asc(companyKnowledge.orderIndex), asc(companyKnowledge.createdAt));
    const scripts = await tx
      .select()
      .from(salesScripts)
      .where(ofAgent(salesScripts))
      .orderBy(asc(salesScripts.orderIndex), asc(salesScripts.createdAt));
    const objections = await tx
      .select()
      .from(objectionResponses)
      .where(ofAgent(objectionResponses))
      .orderBy(asc(objectionResponses.orderIndex), asc(objectionResponses.createdAt));

    // Stage names and codes for the tools (change_stage) and the prompt; allStages = every stage.
    const uuid = /^[0-9a-f-]{36}$/i;
    const pipelineIds = pipelineRows.map((p) => p.pipelineId).filter((id) => uuid.test(id));
    const stageRows = pipelineIds.length
      ? await tx
          .select({ id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name, pipelineId: pipelineStages.pipelineId })
          .from(pipelineStages)
          .where(and(eq(pipelineStages.workspaceId, ws), inArray(pipelineStages.pipelineId, pipelineIds)))
          .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt))
      : [];
    const fieldsOf = {
      deal: new Map((await loadFields(tx, ws, 'deal')).map((f) => [f.code, f])),
      contact: new Map((await loadFields(tx, ws, 'contact')).map((f) => [f.code, f])),
    };

    return {
      agent: {
        id: agent.id,
        name: agent.name,
        model: agent.model,
        kbOnly: agent.kbOnly,
        isActive: agent.isActive,
        systemInstructions: agent.systemInstructions,
        checkBeforeSend: agent.checkBeforeSend,
        autoDetectLanguage: agent.autoDetectLanguage,
        responseLanguage: agent.responseLanguage,
        creativityLevel: (CREATIVITY as readonly string[]).includes(agent.creativityLevel)
          ? (agent.creativityLevel as AgentTurnConfig['agent']['creativityLevel'])
          : 'balanced',
      },
      pipelines: pipelineRows.map((p) => {
        const own = stageRows.filter((s) => s.pipelineId === p.pipelineId);
        const chosen = p.allStages ? own : own.filter((s) => (p.stages ?? []).includes(s.id));
        return {
          pipelineId: p.pipelineId,
          allStages: p.allStages,
          stageIds: p.allStages ? own.map((s) => s.id) : (p.stages ?? []),
          stageInstructions: p.stageInstructions ?? {},
          stages: chosen.map((s) => ({ id: s.id, code: s.code, name: s.name })),
        };
      }),
      knowledge: {
        allCategories: kb?.allCategories ?? false,
        categoryIds: kb?.selectedCategories ?? [],
        noAnswerMessage: kb?.noAnswerMessage ?? null,
        createTaskIfNoAnswer: kb?.createTaskIfNoAnswer ?? false,
      },
      crmAccess: { dealFields: access?.readDealFields ?? [], contactFields: access?.readContactFields ?? [] },
      updateRules: rules
        .filter((r) => r.entityType === 'deal' || r.entityType === 'contact')
        .map((r) => ({
          id: r.id,
          entityType: r.entityType as CrmEntityType,
          fieldCode: r.fieldId,
          condition: r.condition,
          overwrite: r.overwrite,
          field: (() => {
            const f = fieldsOf[r.entityType as CrmEntityType].get(r.fieldId);
            return f ? { name: f.name, type: f.type, options: f.options } : undefined;
          })(),
        })),
      triggers: triggerRows.map((t) => ({
        id: t.id,
        name: t.name,
        condition: t.condition,
        runLimit: t.runLimit,
        cancelMessage: t.cancelMessage,
        actions: actionRows
          .filter((a) => a.triggerId === t.id)
          .map((a) => ({ type: a.actionType, config: a.actionConfig ?? {} })),
      })),
      companyKnowledge: knowledge.map((k) => ({ title: k.title, content: k.content })),
      scripts: scripts.map((s) => ({ name: s.name, stage: s.stage, script: s.script })),
      objections: objections.map((o) => ({ objection: o.objection, response: o.response })),
    };
  });
}

/** The conversation a turn answers in (404 for one of another workspace). */
export async function loadTurnConversation(actor: WorkspaceActor, conversationId: string): Promise<TurnConversation> {
  return withActor(actor, async (tx) => {
    const [c] = await tx
      .select({
        id: conversations.id,
        clientId: conversations.clientId,
        agentId: conversations.agentId,
        pipelineId: conversations.pipelineId,
        stageId: conversations.stageId,
        channelType: conversations.channelType,
        status: conversations.status,
        pausedBy: conversations.pausedBy,
        context: conversations.context,
        version: conversations.version,
      })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, actor.workspaceId)));
    if (!c) throw notFound('Conversation');
    return { ...c, context: c.context ?? {} } as TurnConversation;
  });
}
