// The plans and what each allows; the one place limits are read from.
export const PLAN_IDS = ['trial', 'launch', 'scale', 'max'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface Plan {
  id: PlanId;
  aiResponsesLimit: number;
  /** Longest system_instructions an agent may have on this plan. */
  instructionsMaxLength: number;
  maxAgents: number;
}

export const PLANS: Record<PlanId, Plan> = {
  trial: { id: 'trial', aiResponsesLimit: 500, instructionsMaxLength: 20_000, maxAgents: 3 },
  launch: { id: 'launch', aiResponsesLimit: 3_000, instructionsMaxLength: 20_000, maxAgents: 5 },
  scale: { id: 'scale', aiResponsesLimit: 15_000, instructionsMaxLength: 40_000, maxAgents: 20 },
  max: { id: 'max', aiResponsesLimit: 50_000, instructionsMaxLength: 40_000, maxAgents: 100 },
};

export const TRIAL_DAYS = 14;

export function planOf(id: string): Plan {
  return PLANS[(PLAN_IDS as readonly string[]).includes(id) ? (id as PlanId) : 'trial'];
}
