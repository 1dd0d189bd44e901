// The step's row (chain_run_steps): opened when the step starts (or found again when a crashed
// step is claimed anew), one entry appended per action done, closed with the step's result.
// Always inside a transaction that has just re-checked the run (checkRun).
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import type { ChainStepStatus } from '@/lib/db/schema/chains';
import type { ActionRecord } from './snapshot';

/** Opens the step's row (idempotent); returns the actions already recorded by an earlier attempt. */
export async function openStep(tx: Tx, workspaceId: string, runId: string, stepIndex: number, dueAt: Date, now: Date): Promise<ActionRecord[]> {
  const [row] = await queryRows<{ actions: ActionRecord[] }>(
    tx,
    sql`insert into public.chain_run_steps (workspace_id, run_id, step_index, due_at, started_at, status)
        values (${workspaceId}::uuid, ${runId}::uuid, ${stepIndex}, ${dueAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, 'pending')
        on conflict (run_id, step_index) do update set started_at = coalesce(public.chain_run_steps.started_at, excluded.started_at)
        returning actions`,
  );
  return row?.actions ?? [];
}

/** Appends the record of action `position`; false when another attempt recorded it first. */
export async function recordAction(tx: Tx, runId: string, stepIndex: number, position: number, record: ActionRecord): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update public.chain_run_steps
        set actions = actions || jsonb_build_array(${JSON.stringify(record)}::jsonb),
            message_id = coalesce(${record.message_id ?? null}::uuid, message_id)
        where run_id = ${runId}::uuid and step_index = ${stepIndex} and jsonb_array_length(actions) = ${position}
        returning id`,
  );
  return rows.length > 0;
}

/** What the step amounts to: its message went out (sent) or waits for approval (drafted); else done, failed or skipped. */
export function stepStatus(actions: ActionRecord[]): Exclude<ChainStepStatus, 'pending' | 'stopped'> {
  if (actions.some((a) => a.type === 'generate_message' && a.result === 'done')) return 'sent';
  if (actions.some((a) => a.result === 'drafted')) return 'drafted';
  if (actions.some((a) => a.result === 'done')) return 'sent';
  if (actions.some((a) => a.result === 'failed')) return 'failed';
  return 'skipped';
}

export async function closeStep(tx: Tx, runId: string, stepIndex: number, status: ChainStepStatus, now: Date): Promise<void> {
  await tx.execute(
    sql`update public.chain_run_steps set status = ${status}, finished_at = ${now.toISOString()}::timestamptz
        where run_id = ${runId}::uuid and step_index = ${stepIndex}`,
  );
}

/**
 * The run stopped during the step: the step is `stopped` unless an action had already gone out
 * (then it keeps what it did, and a customer reply that stopped the run counts as a reply after it).
 */
export async function closeHaltedStep(tx: Tx, runId: string, stepIndex: number, now: Date): Promise<void> {
  const [row] = await queryRows<{ actions: ActionRecord[]; status: string; stop_reason: string | null; finished_at: Date | string | null }>(
    tx,
    sql`select s.actions, s.status, r.stop_reason, r.finished_at from public.chain_run_steps s join public.chain_runs r on r.id = s.run_id
        where s.run_id = ${runId}::uuid and s.step_index = ${stepIndex}`,
  );
  if (!row || row.status !== 'pending') return;
  const wentOut = row.actions.some((a) => a.result === 'done' || a.result === 'drafted');
  await closeStep(tx, runId, stepIndex, wentOut ? stepStatus(row.actions) : 'stopped', now);
  if (wentOut && row.stop_reason === 'customer_replied' && row.finished_at) {
    await tx.execute(sql`update public.chain_run_steps set customer_replied_at = ${new Date(row.finished_at).toISOString()}::timestamptz
                         where run_id = ${runId}::uuid and step_index = ${stepIndex} and customer_replied_at is null`);
  }
}
