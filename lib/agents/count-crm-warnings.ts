// How many settings of each listed agent name CRM pipelines, stages or fields that no longer
// exist (the agents list shows a badge). Four queries for the whole page of agents.
import { and, asc, eq, inArray, type Column } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { agentCrmAccess, agentPipelines, agentUpdateRules } from '@/lib/db/schema/agents';
import { loadCrmChoices } from '@/lib/crm/list-crm-choices';
import { crmWarnings } from './crm-refs';

export async function countCrmWarnings(tx: Tx, workspaceId: string, agentIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (agentIds.length === 0) return counts;
  const ofPage = (t: { agentId: Column; workspaceId: Column }) => and(eq(t.workspaceId, workspaceId), inArray(t.agentId, agentIds));
  const pipes = await tx.select().from(agentPipelines).where(ofPage(agentPipelines)).orderBy(asc(agentPipelines.orderIndex));
  const access = await tx.select().from(agentCrmAccess).where(ofPage(agentCrmAccess));
  const rules = await tx.select().from(agentUpdateRules).where(ofPage(agentUpdateRules));
  if (pipes.length + access.length + rules.length === 0) return counts;
  const choices = await loadCrmChoices(tx, workspaceId);
  for (const id of agentIds) {
    const a = access.find((r) => r.agentId === id);
    const n = crmWarnings(
      choices,
      pipes.filter((p) => p.agentId === id).map((p) => ({ pipeline_id: p.pipelineId, stages: p.stages, stage_instructions: p.stageInstructions })),
      {
        crm_access: { read_deal_fields: a?.readDealFields ?? [], read_contact_fields: a?.readContactFields ?? [] },
        update_rules: rules.filter((r) => r.agentId === id).map((r) => ({ entity_type: r.entityType, field_id: r.fieldId })),
      },
    ).length;
    if (n) counts.set(id, n);
  }
  return counts;
}
