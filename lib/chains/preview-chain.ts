// POST /api/agents/:id/chains/:chainId/preview (issue 10): when each step would go out for a
// sample start ("last message Friday 21:30 → step 1 Monday 08:00 → step 2 Monday 11:00"), in the
// workspace's time zone, so an owner sees what the schedule does before turning the chain on.
// Unsaved edits may be previewed: `steps` and `schedule` in the body replace the saved ones.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { workspaces } from '@/lib/db/schema/core';
import { getChain } from '@/lib/agents/manage-chains';
import { requireAgent } from '@/lib/agents/load-agent';
import type { ScheduleDay } from '@/lib/db/schema/agents';
import { DELAY_UNITS, weeklyScheduleSchema } from '@/lib/agents/schemas';
import { previewTimeline, type DelayUnit, type TimelineStep } from './schedule/step-due-at';

/**
 * Only a step's timing matters here: the editor previews steps whose instructions are not written
 * yet, so actions may be left out (whole steps as the chain endpoints take them are accepted too).
 */
const previewStepSchema = z
  .object({
    order_index: z.number().int().min(0).optional(),
    delay_value: z
      .number({ error: 'delay_value must be a number' })
      .int('delay_value must be a whole number')
      .min(0, 'delay_value must be between 0 and 100000')
      .max(100_000, 'delay_value must be between 0 and 100000'),
    delay_unit: z.enum(DELAY_UNITS, { error: `delay_unit must be one of: ${DELAY_UNITS.join(', ')}` }),
    actions: z.array(z.unknown()).max(10, 'at most 10 actions per step').optional(),
  })
  .strict();

export const previewChainSchema = z
  .object({
    start_at: z.iso.datetime({ offset: true, error: 'start_at must be an ISO date-time' }),
    steps: z.array(previewStepSchema, { error: 'steps must be a list' }).min(1, 'a chain needs at least one step').max(20, 'at most 20 steps').optional(),
    schedule: weeklyScheduleSchema.nullable().optional(),
  })
  .strict();

export interface ChainPreview {
  time_zone: string;
  start_at: string;
  steps: TimelineStep[];
}

export async function previewChain(actor: WorkspaceActor, agentId: string, chainId: string, raw: unknown): Promise<ChainPreview> {
  assertCan(actor, 'agents.read');
  const input = previewChainSchema.parse(raw);
  const chain = await getChain(actor, agentId, chainId);
  const schedule = input.schedule !== undefined ? input.schedule : chain.schedule;
  return timeline(actor, input.start_at, input.steps ?? chain.steps, schedule);
}

/** A chain not saved yet (the editor's "new chain" dialog): its steps and schedule are all in the body. */
export const previewUnsavedChainSchema = previewChainSchema.required({ steps: true });

/** POST /api/agents/:id/chains/preview: the same timeline for a chain that has no id yet. */
export async function previewUnsavedChain(actor: WorkspaceActor, agentId: string, raw: unknown): Promise<ChainPreview> {
  assertCan(actor, 'agents.read');
  const input = previewUnsavedChainSchema.parse(raw);
  await withActor(actor, (tx) => requireAgent(tx, actor, agentId)); // 404 for another workspace's agent
  return timeline(actor, input.start_at, input.steps, input.schedule ?? null);
}

async function timeline(
  actor: WorkspaceActor,
  start: string,
  steps: readonly { delay_value: number; delay_unit: string }[],
  schedule: ScheduleDay[] | null,
): Promise<ChainPreview> {
  const timeZone = await withActor(actor, async (tx) => {
    const [ws] = await tx.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, actor.workspaceId));
    return ws?.timeZone ?? 'Asia/Almaty';
  });
  const timing = steps.map((s) => ({ delay_value: s.delay_value, delay_unit: s.delay_unit as DelayUnit }));
  const startAt = new Date(start);
  return { time_zone: timeZone, start_at: startAt.toISOString(), steps: previewTimeline(startAt, timing, schedule, timeZone) };
}
