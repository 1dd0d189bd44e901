// When a chain's step is due (issue 10): its delay after the base instant (step 1: the
// conversation's last message; step N+1: when step N went out), then — if that falls outside the
// chain's weekly schedule in the workspace's time zone — the start of the next open window.
// Minutes and hours are durations; days are calendar days at the same local wall time. Pure:
// the runtime, the preview endpoint and the tests share it.
import type { ScheduleDay } from '@/lib/db/schema/agents';
import { addLocalDays, nextOpenWindow } from '@/lib/channels/schedule/next-open-window';

export type DelayUnit = 'Минуты' | 'Часы' | 'Дни';

export interface StepTiming {
  delay_value: number;
  delay_unit: DelayUnit;
}

/** The base instant plus the step's delay. */
export function afterDelay(from: Date, value: number, unit: DelayUnit, timeZone: string): Date {
  if (unit === 'Дни') return addLocalDays(from, value, timeZone);
  const ms = unit === 'Часы' ? value * 3_600_000 : value * 60_000;
  return new Date(from.getTime() + ms);
}

export interface StepDue {
  /** Null: the schedule has no enabled day, the step can never go out. */
  dueAt: Date | null;
  /** True when the schedule pushed it past the delay. */
  moved: boolean;
}

/** The step's due time after `from`; a null schedule means "any time". */
export function stepDueAt(from: Date, step: StepTiming, schedule: readonly ScheduleDay[] | null | undefined, timeZone: string): StepDue {
  const raw = afterDelay(from, step.delay_value, step.delay_unit, timeZone);
  const dueAt = nextOpenWindow({ enabled: Boolean(schedule), schedule, timeZone }, raw);
  return { dueAt, moved: Boolean(dueAt && dueAt.getTime() !== raw.getTime()) };
}

export interface TimelineStep {
  index: number;
  due_at: string | null;
  moved_by_schedule: boolean;
}

/**
 * The preview: every step's due time for a sample start, each from the one before (as if it went
 * out on time). Once a step cannot be scheduled, the rest cannot either.
 */
export function previewTimeline(
  startAt: Date,
  steps: readonly StepTiming[],
  schedule: readonly ScheduleDay[] | null | undefined,
  timeZone: string,
): TimelineStep[] {
  const out: TimelineStep[] = [];
  let from: Date | null = startAt;
  steps.forEach((step, index) => {
    if (!from) {
      out.push({ index, due_at: null, moved_by_schedule: false });
      return;
    }
    const { dueAt, moved } = stepDueAt(from, step, schedule, timeZone);
    out.push({ index, due_at: dueAt?.toISOString() ?? null, moved_by_schedule: moved });
    from = dueAt;
  });
  return out;
}
