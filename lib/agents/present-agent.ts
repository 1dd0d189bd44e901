// The JSON shapes of agents and their settings (snake_case, seed 000).
import type {
  agentChannels,
  agentCrmAccess,
  agentKnowledgeBase,
  agentPipelines,
  agents,
  agentUpdateRules,
  chains,
  chainStepActions,
  chainSteps,
  companyKnowledge,
  objectionResponses,
  salesScripts,
  triggerActions,
  triggers,
} from '@/lib/db/schema/agents';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];
const iso = (d: Date) => d.toISOString();

export function presentAgentSummary(a: Row<typeof agents>) {
  return {
    id: a.id,
    name: a.name,
    is_active: a.isActive,
    model: a.model,
    kb_only: a.kbOnly,
    created_at: iso(a.createdAt),
    total_messages: a.totalMessages,
    total_conversations: a.totalConversations,
  };
}

export function presentAgent(a: Row<typeof agents>) {
  return {
    ...presentAgentSummary(a),
    system_instructions: a.systemInstructions,
    check_before_send: a.checkBeforeSend,
    auto_detect_language: a.autoDetectLanguage,
    response_language: a.responseLanguage,
    creativity_level: a.creativityLevel,
    response_delay_seconds: a.responseDelaySeconds,
    schedule_enabled: a.scheduleEnabled,
    working_schedule: a.workingSchedule ?? null,
    off_hours_message: a.offHoursMessage ?? null,
    average_response_time: a.averageResponseTime,
    created_by: a.createdBy,
    updated_at: iso(a.updatedAt),
  };
}
export type PresentedAgent = ReturnType<typeof presentAgent>;

export function presentPipeline(p: Row<typeof agentPipelines>) {
  return {
    id: p.id,
    pipeline_id: p.pipelineId,
    pipeline_name: p.pipelineName,
    is_active: p.isActive,
    all_stages: p.allStages,
    stages: p.stages,
    stage_instructions: p.stageInstructions,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

/** Absent rows read as the defaults, so a new agent needs no setup rows. */
export function presentChannels(c: Row<typeof agentChannels> | undefined) {
  return { all_channels: c?.allChannels ?? false, channels: c?.channels ?? [] };
}

export function presentKnowledgeScope(k: Row<typeof agentKnowledgeBase> | undefined) {
  return {
    all_categories: k?.allCategories ?? false,
    selected_categories: k?.selectedCategories ?? [],
    create_task_if_no_answer: k?.createTaskIfNoAnswer ?? false,
    no_answer_message: k?.noAnswerMessage ?? null,
  };
}

export function presentCrmAccess(c: Row<typeof agentCrmAccess> | undefined) {
  return { read_deal_fields: c?.readDealFields ?? [], read_contact_fields: c?.readContactFields ?? [] };
}

export function presentUpdateRule(r: Row<typeof agentUpdateRules>) {
  return {
    id: r.id,
    entity_type: r.entityType,
    field_id: r.fieldId,
    condition: r.condition,
    overwrite: r.overwrite,
    order_index: r.orderIndex,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

export function presentTrigger(t: Row<typeof triggers>, actions: Row<typeof triggerActions>[]) {
  return {
    id: t.id,
    name: t.name,
    is_active: t.isActive,
    condition: t.condition,
    cancel_message: t.cancelMessage,
    run_limit: t.runLimit,
    runs_count: t.runsCount,
    actions: actions.map((a) => ({ id: a.id, action_type: a.actionType, action_config: a.actionConfig, order_index: a.orderIndex })),
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
  };
}

export type StepWithActions = Row<typeof chainSteps> & { actions: Row<typeof chainStepActions>[] };

export function presentChain(c: Row<typeof chains>, steps: StepWithActions[]) {
  return {
    id: c.id,
    name: c.name,
    is_active: c.isActive,
    condition_type: c.conditionType,
    condition_stages: c.conditionStages,
    condition_exclude: c.conditionExclude,
    run_limit: c.runLimit,
    runs_count: c.runsCount,
    schedule: c.schedule ?? null,
    steps: steps.map((s) => ({
      id: s.id,
      order_index: s.orderIndex,
      delay_value: s.delayValue,
      delay_unit: s.delayUnit,
      actions: s.actions.map((a) => ({ id: a.id, action_type: a.actionType, instruction: a.instruction, order_index: a.orderIndex })),
    })),
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function presentKnowledge(k: Row<typeof companyKnowledge>) {
  return { id: k.id, title: k.title, content: k.content, order_index: k.orderIndex, created_at: iso(k.createdAt), updated_at: iso(k.updatedAt) };
}

export function presentScript(s: Row<typeof salesScripts>) {
  return {
    id: s.id,
    name: s.name,
    stage: s.stage,
    script: s.script,
    order_index: s.orderIndex,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

export function presentObjection(o: Row<typeof objectionResponses>) {
  return {
    id: o.id,
    objection: o.objection,
    response: o.response,
    order_index: o.orderIndex,
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
  };
}
