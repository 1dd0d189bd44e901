// The chain as a run started it (chain_runs.snapshot, written by start-chains.ts) and what each
// action of a step recorded (chain_run_steps.actions, one entry per action in order — a step
// re-run after a crash skips the actions already recorded).
import type { ScheduleDay } from '@/lib/db/schema/agents';
import type { DelayUnit } from '../schedule/step-due-at';

export interface SnapshotAction {
  action_type: 'generate_message' | 'update_field' | 'create_task' | string;
  instruction: string | null;
}

export interface SnapshotStep {
  delay_value: number;
  delay_unit: DelayUnit;
  actions: SnapshotAction[];
}

export interface RunSnapshot {
  name?: string;
  steps: SnapshotStep[];
  schedule: ScheduleDay[] | null;
  time_zone: string;
}

export type ActionResult = 'done' | 'drafted' | 'skipped' | 'failed';

export interface ActionRecord {
  type: string;
  result: ActionResult;
  /** Why it was skipped or failed (machine-readable: kb_only, field_not_allowed, provider_failed …). */
  reason?: string;
  message_id?: string;
  task_id?: string;
  field?: string;
}
