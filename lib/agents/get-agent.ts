// One agent with all of its settings, read in one transaction so they are consistent.
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { requireAgent } from './load-agent';
import { loadChains } from './manage-chains';
import { loadChannels } from './manage-channels';
import { loadCrmAccess } from './manage-crm-access';
import { loadKnowledgeScope } from './manage-knowledge-scope';
import { loadPipelines } from './manage-pipelines';
import { loadTriggers } from './manage-triggers';
import { loadUpdateRules } from './manage-update-rules';
import { companyKnowledgeItems, objectionItems, salesScriptItems } from './manage-agent-items';
import { presentAgent } from './present-agent';
import { loadCrmChoices } from '@/lib/crm/list-crm-choices';
import { crmWarnings } from './crm-refs';
import { loadReadiness } from './check-readiness';

export async function loadFullAgent(tx: Tx, actor: WorkspaceActor, agentId: string) {
  const agent = await requireAgent(tx, actor, agentId);
  const ws = actor.workspaceId;
  const pipelines = await loadPipelines(tx, ws, agentId);
  const crmAccess = await loadCrmAccess(tx, ws, agentId);
  const updateRules = await loadUpdateRules(tx, ws, agentId);
  return {
    ...presentAgent(agent),
    pipelines,
    channels: await loadChannels(tx, ws, agentId),
    knowledge_base: await loadKnowledgeScope(tx, ws, agentId),
    crm_access: crmAccess,
    update_rules: updateRules,
    triggers: await loadTriggers(tx, ws, agentId),
    chains: await loadChains(tx, ws, agentId),
    company_knowledge: await companyKnowledgeItems.load(tx, ws, agentId),
    sales_scripts: await salesScriptItems.load(tx, ws, agentId),
    objection_responses: await objectionItems.load(tx, ws, agentId),
    /** Settings naming CRM pipelines, stages or fields that no longer exist. */
    warnings: crmWarnings(await loadCrmChoices(tx, ws), pipelines, { crm_access: crmAccess, update_rules: updateRules }),
    /** Can it answer now (model key or kb_only, knowledge with active articles, channel)? */
    readiness: await loadReadiness(tx, ws, agent),
  };
}

export async function getAgent(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, (tx) => loadFullAgent(tx, actor, agentId));
}
