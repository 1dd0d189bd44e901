// POST /api/agents/:id/sync-crm: refreshes the agent's pipelines from the workspace's CRM.
// Renamed pipelines take the CRM's name; stages the CRM no longer has are dropped from
// `stages` and `stage_instructions`. Pipelines and fields the CRM no longer has are kept
// and reported (as changes and as warnings), so nothing the owner chose disappears unseen.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { agentPipelines } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { loadCrmChoices } from '@/lib/crm/list-crm-choices';
import { requireAgent } from './load-agent';
import { loadPipelines } from './manage-pipelines';
import { loadCrmAccess } from './manage-crm-access';
import { loadUpdateRules } from './manage-update-rules';
import { crmWarnings } from './crm-refs';

export interface SyncChanges {
  renamed: { pipeline_id: string; old_name: string; new_name: string }[];
  removed_stages: { pipeline_id: string; stage_id: string; had_instruction: boolean }[];
  removed_pipelines: { pipeline_id: string; pipeline_name: string }[];
  removed_fields: { entity_type: 'deal' | 'contact'; code: string; where: string }[];
}

export async function syncAgentCrm(actor: WorkspaceActor, agentId: string) {
  assertCan(actor, 'agents.write');
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    const ws = actor.workspaceId;
    const choices = await loadCrmChoices(tx, ws);
    const before = await loadPipelines(tx, ws, agentId);
    const changes: SyncChanges = { renamed: [], removed_stages: [], removed_pipelines: [], removed_fields: [] };

    for (const p of before) {
      const crm = choices.pipelines.find((c) => c.id === p.pipeline_id.trim().toLowerCase());
      if (!crm) {
        changes.removed_pipelines.push({ pipeline_id: p.pipeline_id, pipeline_name: p.pipeline_name });
        continue;
      }
      const stageIds = new Set(crm.stages.map((s) => s.id));
      const gone = [...new Set([...p.stages, ...Object.keys(p.stage_instructions)])].filter((s) => !stageIds.has(s.toLowerCase()));
      for (const s of gone) changes.removed_stages.push({ pipeline_id: crm.id, stage_id: s, had_instruction: s in p.stage_instructions });
      const renamed = crm.name !== p.pipeline_name;
      if (renamed) changes.renamed.push({ pipeline_id: crm.id, old_name: p.pipeline_name, new_name: crm.name });
      if (!renamed && gone.length === 0) continue;
      await tx
        .update(agentPipelines)
        .set({
          pipelineName: crm.name,
          stages: p.stages.filter((s) => !gone.includes(s)),
          stageInstructions: Object.fromEntries(Object.entries(p.stage_instructions).filter(([k]) => !gone.includes(k))),
          updatedAt: sql`now()`,
        })
        .where(and(eq(agentPipelines.id, p.id), eq(agentPipelines.workspaceId, ws)));
    }

    const pipelines = await loadPipelines(tx, ws, agentId);
    const crmAccess = await loadCrmAccess(tx, ws, agentId);
    const updateRules = await loadUpdateRules(tx, ws, agentId);
    const warnings = crmWarnings(choices, pipelines, { crm_access: crmAccess, update_rules: updateRules });
    for (const w of warnings) {
      if (w.kind !== 'missing_field') continue;
      const entity = w.where.startsWith('crm_access.read_contact') ? 'contact' : w.where.startsWith('update_rules.')
        ? (updateRules[Number(w.where.split('.')[1])].entity_type as 'deal' | 'contact')
        : 'deal';
      changes.removed_fields.push({ entity_type: entity, code: w.ref, where: w.where });
    }

    await recordAudit(tx, actor, {
      action: 'sync_agent_crm',
      entityType: 'agent',
      entityId: agentId,
      oldValues: { pipelines: before.map(({ pipeline_id, pipeline_name, stages, stage_instructions }) => ({ pipeline_id, pipeline_name, stages, stage_instructions })) },
      newValues: { changes },
    });
    return { pipelines, changes, warnings };
  });
}
