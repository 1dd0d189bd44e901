// Creates an agent within the plan's limits (agent count, instructions length).
import { withActor } from '@/lib/db/actor';
import { agentKnowledgeBase, agents } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { DEFAULT_MODEL_ID } from '@/lib/ai/models';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertAgentSlotFree, assertInstructionsFitPlan } from './check-plan-limits';
import { loadWorkspace } from '@/lib/workspaces/load-workspace';
import { presentAgent } from './present-agent';
import { createAgentSchema, type UpdateAgentInput } from './schemas';

/** API fields to columns; only the fields present, so it also serves PATCH. */
export function agentColumns(input: UpdateAgentInput) {
  const cols = {
    name: input.name,
    isActive: input.is_active,
    model: input.model,
    systemInstructions: input.system_instructions,
    checkBeforeSend: input.check_before_send,
    kbOnly: input.kb_only,
    autoDetectLanguage: input.auto_detect_language,
    responseLanguage: input.response_language,
    creativityLevel: input.creativity_level,
    responseDelaySeconds: input.response_delay_seconds,
    scheduleEnabled: input.schedule_enabled,
    workingSchedule: input.working_schedule,
    offHoursMessage: input.off_hours_message,
  };
  return Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined)) as Partial<typeof cols>;
}

export async function createAgent(actor: WorkspaceActor, raw: unknown) {
  const input = createAgentSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const workspace = await loadWorkspace(tx, actor.workspaceId);
    assertInstructionsFitPlan(workspace, input.system_instructions);
    await assertAgentSlotFree(tx, workspace);
    const [agent] = await tx
      .insert(agents)
      .values({
        model: DEFAULT_MODEL_ID,
        ...agentColumns(input),
        name: input.name,
        systemInstructions: input.system_instructions,
        workspaceId: actor.workspaceId,
        createdBy: actorUserId(actor),
      })
      .returning();
    // New agents answer from every knowledge-base category until told otherwise.
    await tx.insert(agentKnowledgeBase).values({ workspaceId: actor.workspaceId, agentId: agent.id, allCategories: true });
    await recordAudit(tx, actor, {
      action: 'create_agent',
      entityType: 'agent',
      entityId: agent.id,
      newValues: { name: agent.name, model: agent.model, is_active: agent.isActive },
    });
    return presentAgent(agent);
  });
}
