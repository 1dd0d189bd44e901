// A deep copy of an agent with every setting, trigger and chain, in one transaction.
// The copy starts switched off so it cannot answer customers before it is reviewed.
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import {
  agentChannels,
  agentCrmAccess,
  agentKnowledgeBase,
  agentPipelines,
  agents,
  agentUpdateRules,
  chainStepActions,
  chainSteps,
  chains,
  companyKnowledge,
  objectionResponses,
  salesScripts,
  triggerActions,
  triggers,
} from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertAgentSlotFree, assertInstructionsFitPlan } from './check-plan-limits';
import { loadWorkspace } from '@/lib/workspaces/load-workspace';
import { copyRows } from './copy-rows';
import { loadFullAgent } from './get-agent';
import { requireAgent } from './load-agent';

const COPY_SUFFIX = ' (копия)';
// Tables owned by the agent that have no children of their own.
const FLAT_CHILDREN = [
  agentPipelines,
  agentChannels,
  agentKnowledgeBase,
  agentCrmAccess,
  agentUpdateRules,
  companyKnowledge,
  salesScripts,
  objectionResponses,
];

export function copyName(name: string): string {
  return name.slice(0, 255 - COPY_SUFFIX.length) + COPY_SUFFIX;
}

async function copyChildren(tx: Tx, workspaceId: string, from: string, to: string) {
  const agentMap = new Map([[from, to]]);
  for (const table of FLAT_CHILDREN) await copyRows(tx, table, 'agent_id', agentMap, workspaceId);
  // A copied trigger or chain has not run yet.
  const triggerMap = await copyRows(tx, triggers, 'agent_id', agentMap, workspaceId, { reset: ['runs_count'] });
  await copyRows(tx, triggerActions, 'trigger_id', triggerMap, workspaceId);
  const chainMap = await copyRows(tx, chains, 'agent_id', agentMap, workspaceId, { reset: ['runs_count'] });
  const stepMap = await copyRows(tx, chainSteps, 'chain_id', chainMap, workspaceId);
  await copyRows(tx, chainStepActions, 'step_id', stepMap, workspaceId);
}

export async function duplicateAgent(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    const source = await requireAgent(tx, actor, agentId);
    // A plan may have been downgraded since the source was written.
    const workspace = await loadWorkspace(tx, actor.workspaceId);
    assertInstructionsFitPlan(workspace, source.systemInstructions);
    await assertAgentSlotFree(tx, workspace);
    // Identity, timestamps and statistics belong to the source; everything else is copied.
    const { id: _id, createdAt: _c, updatedAt: _u, totalMessages: _m, totalConversations: _t, averageResponseTime: _a, ...settings } =
      source;
    const [copy] = await tx
      .insert(agents)
      .values({ ...settings, name: copyName(source.name), isActive: false, createdBy: actorUserId(actor) })
      .returning();
    await copyChildren(tx, actor.workspaceId, source.id, copy.id);
    await recordAudit(tx, actor, {
      action: 'duplicate_agent',
      entityType: 'agent',
      entityId: copy.id,
      newValues: { source_agent_id: source.id, name: copy.name },
    });
    return loadFullAgent(tx, actor, copy.id);
  });
}
