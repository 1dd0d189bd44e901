// Running one step of a follow-up chain run (issue 10 "Steps"/"Stops"; docs/chains-api.md
// "Running a step"): the due-work handler of `chain.step` [chain_run:<id>] calls it, outside any
// transaction, as the `chains` system actor.
//
//   1. Re-check (run still running at this step, conversation open and not taken over, agent
//      and chain on) and open the step's row — or find it again after a crash.
//   2. The snapshot's actions in order, each recorded on the step's row as it is done, so a
//      re-run after a crash skips what is done: generate_message (the runtime writes it outside
//      any transaction; the re-check, the message row, its delivery item and the record are one
//      transaction — a reply or takeover that came during generation means nothing is sent),
//      update_field (the runtime's tool path and the agent's allow-list), create_task.
//   3. Close the step, advance current_step (conditional on it: a repeated claim of the same
//      step changes nothing) and schedule the next step from "now, when this one went out" —
//      or complete the run.
import { sql } from 'drizzle-orm';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import type { ChainStopReason } from '@/lib/db/schema/chains';
import { crmFor } from '@/lib/crm/get-crm';
import { toAppError } from '@/lib/api/errors';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { scheduleDelivery } from '@/lib/channels/delivery/schedule-delivery';
import { discardFollowup, storeFollowup, writeFollowup } from '@/lib/runtime/run-followup-turn';
import { applyInstructedField } from '@/lib/runtime/apply-instructed-field';
import { stepDueAt } from './schedule/step-due-at';
import { checkRun, type LiveRun, type RunCheck } from './steps/check-run';
import { closeHaltedStep, closeStep, openStep, recordAction, stepStatus } from './steps/record-step';
import type { ActionRecord, SnapshotAction } from './steps/snapshot';
import { stopRuns } from './stop-runs';
import { CHAINS_ACTOR, CHAIN_STEP_KIND } from './types';

export const runSubject = (runId: string) => `chain_run:${runId}`;

export interface RunStepInput {
  runId: string;
  /** The step this due item is for (payload.step_index; step 1 = 0). */
  stepIndex: number;
  dueAt: Date;
  now: Date;
  /** The due item's last attempt: a provider failure is recorded instead of retried. */
  lastAttempt?: boolean;
}

export type RunStepResult =
  | { result: 'done'; status: string; next: { index: number; dueAt: string } | null }
  | { result: 'stopped'; reason: string | null }
  | { result: 'noop'; why: 'gone' | 'ended' | 'step_done' };

/** Provider failures worth another attempt of the whole step (the due item retries with backoff). */
const RETRYABLE = new Set(['provider_rate_limited', 'provider_unavailable', 'provider_timeout', 'provider_bad_response']);

class StepHalted extends Error {
  constructor(readonly check: Exclude<RunCheck, { ok: true }>) {
    super('chain step halted');
  }
}

export async function runStep(workspaceId: string, input: RunStepInput): Promise<RunStepResult> {
  const actor = systemActor(CHAINS_ACTOR, workspaceId);
  const { runId, stepIndex, now } = input;
  /** One transaction that first re-checks the run (locked); throws StepHalted when it must not go on. */
  const underCheck = <T>(fn: (tx: Tx, run: LiveRun) => Promise<T>): Promise<T> =>
    withActor(actor, async (tx) => {
      const check = await checkRun(tx, workspaceId, runId, stepIndex);
      if (!check.ok) {
        // A stop found by the check commits; the step is marked stopped with it.
        if (check.why === 'stopped') await closeHaltedStep(tx, runId, stepIndex, now);
        return { halted: check as Exclude<RunCheck, { ok: true }> };
      }
      return { value: await fn(tx, check.run) };
    }).then((r: { halted: Exclude<RunCheck, { ok: true }> } | { value: T }) => {
      if ('halted' in r) throw new StepHalted(r.halted);
      return r.value;
    });

  try {
    const { run, done } = await underCheck(async (tx, run) => ({ run, done: await openStep(tx, workspaceId, runId, stepIndex, input.dueAt, now) }));
    const step = run.snapshot.steps[stepIndex];
    const actions = step?.actions ?? [];
    for (let i = done.length; i < actions.length; i++) await runAction(actions[i], i, run);
    return await underCheck((tx, live) => finish(tx, live));
  } catch (err) {
    if (!(err instanceof StepHalted)) throw err;
    const c = err.check;
    if (c.why === 'stopped') return { result: 'stopped', reason: c.stopReason };
    if (c.why === 'ended') {
      // Stopped by a hook while this step was under way: the step's row (if opened) says so.
      await withActor(actor, (tx) => closeHaltedStep(tx, runId, stepIndex, now));
      return { result: 'stopped', reason: c.stopReason ?? null };
    }
    return { result: 'noop', why: c.why };
  }

  /** Runs action i and records it (null when a parallel attempt recorded it first). */
  async function runAction(action: SnapshotAction, i: number, run: LiveRun): Promise<ActionRecord | null> {
    const instruction = action.instruction?.trim() ?? '';
    const save = (record: ActionRecord) => underCheck(async (tx) => ((await recordAction(tx, runId, stepIndex, i, record)) ? record : null));
    switch (action.action_type) {
      case 'generate_message':
        return sendFollowup(run, i, instruction);
      case 'update_field': {
        const r = await applyInstructedField(workspaceId, run.conversationId, { agentId: run.agentId, instruction, now });
        if (r.result !== 'done' && r.reason === 'quota_exceeded') return stopForQuota();
        return save({ type: 'update_field', result: r.result, ...(r.result !== 'done' ? { reason: r.reason } : {}), ...(r.field ? { field: `${r.entity}.${r.field}` } : {}) });
      }
      case 'create_task':
        try {
          // The task and its record in one transaction: a crash cannot leave it created twice.
          return await underCheck(async (tx, live) => {
            const [conv] = await queryRows<{ responsible_user_id: string | null }>(
              tx,
              sql`select responsible_user_id from public.conversations where workspace_id = ${workspaceId}::uuid and id = ${live.conversationId}::uuid`,
            );
            const text = (instruction || run.snapshot.name || 'Follow-up').slice(0, 2000);
            const task = await crmFor(actor).createTask({
              text,
              client_id: live.clientId,
              conversation_id: live.conversationId,
              responsible_user_id: conv?.responsible_user_id ?? null,
            });
            const record: ActionRecord = { type: 'create_task', result: 'done', task_id: task.id };
            if (!(await recordAction(tx, runId, stepIndex, i, record))) throw new Error('chain step action recorded twice');
            return record;
          });
        } catch (err) {
          // Refused by the CRM (bad input): recorded as failed, the step goes on.
          const e = err instanceof StepHalted ? null : toAppError(err);
          if (!e || e.status >= 500) throw err;
          return save({ type: 'create_task', result: 'failed', reason: e.code });
        }
      default:
        return save({ type: String(action.action_type), result: 'skipped', reason: 'unknown_action' });
    }
  }

  async function sendFollowup(run: LiveRun, i: number, instruction: string): Promise<ActionRecord | null> {
    const written = await writeFollowup(workspaceId, run.conversationId, { agentId: run.agentId, instruction, now });
    const save = (record: ActionRecord) => underCheck(async (tx) => ((await recordAction(tx, runId, stepIndex, i, record)) ? record : null));
    if (written.outcome === 'skipped') {
      if (written.reason === 'quota_exceeded') return stopForQuota();
      // closed / paused / agent off: the next re-check stops the run with its reason.
      return save({ type: 'generate_message', result: 'skipped', reason: written.reason });
    }
    if (written.outcome === 'failed') {
      if (RETRYABLE.has(written.code) && !input.lastAttempt) throw new Error(`follow-up not written: ${written.code}`);
      return save({ type: 'generate_message', result: 'failed', reason: written.code });
    }
    const f = written.followup;
    try {
      // Right before the send: the re-check, the message and its delivery in one transaction.
      return await underCheck(async (tx, live) => {
        const message = await storeFollowup(f);
        await tx.execute(sql`update public.messages
                             set metadata = metadata || jsonb_build_object('chain_run_id', ${runId}::text, 'chain_id', ${live.chainId}::text, 'chain_step', ${stepIndex}::int)
                             where workspace_id = ${workspaceId}::uuid and id = ${message.id}::uuid`);
        if (!f.draft) await scheduleDelivery(tx, workspaceId, message.id, now);
        const record: ActionRecord = { type: 'generate_message', result: f.draft ? 'drafted' : 'done', message_id: message.id };
        // Another attempt recorded this action first: roll back, nothing stored twice.
        if (!(await recordAction(tx, runId, stepIndex, i, record))) throw new Error('chain step action recorded twice');
        return record;
      });
    } catch (err) {
      await discardFollowup(f);
      throw err;
    }
  }

  /** The AI quota is used up: the run stops (quota_exhausted), like every running run of the workspace. */
  async function stopForQuota(): Promise<never> {
    const reason: ChainStopReason = 'quota_exhausted';
    await withActor(actor, async (tx) => {
      const [run] = await queryRows<{ conversation_id: string; chain_id: string }>(
        tx,
        sql`select conversation_id, chain_id from public.chain_runs where id = ${runId}::uuid and status = 'running'`,
      );
      if (run) await stopRuns(tx, { workspaceId, conversationId: run.conversation_id, chainId: run.chain_id, reason });
      await closeHaltedStep(tx, runId, stepIndex, now);
    });
    throw new StepHalted({ ok: false, why: 'stopped', stopReason: reason });
  }

  async function finish(tx: Tx, run: LiveRun): Promise<RunStepResult> {
    // What the row recorded (a parallel attempt may have recorded some of the actions).
    const [row] = await queryRows<{ actions: ActionRecord[] }>(
      tx,
      sql`select actions from public.chain_run_steps where run_id = ${runId}::uuid and step_index = ${stepIndex}`,
    );
    const status = stepStatus(row?.actions ?? []);
    await closeStep(tx, runId, stepIndex, status, now);
    const nextIndex = stepIndex + 1;
    const next = run.snapshot.steps[nextIndex];
    const due = next ? stepDueAt(now, next, run.snapshot.schedule, run.snapshot.time_zone).dueAt : null;
    if (!next || !due) {
      await tx.execute(sql`update public.chain_runs set status = 'completed', current_step = ${nextIndex}, next_due_at = null,
                             finished_at = ${now.toISOString()}::timestamptz, updated_at = now()
                           where id = ${runId}::uuid and status = 'running' and current_step = ${stepIndex}`);
      return { result: 'done', status, next: null };
    }
    await tx.execute(sql`update public.chain_runs set current_step = ${nextIndex}, next_due_at = ${due.toISOString()}::timestamptz, updated_at = now()
                         where id = ${runId}::uuid and status = 'running' and current_step = ${stepIndex}`);
    await scheduleDueWork(tx, { workspaceId, kind: CHAIN_STEP_KIND, subject: runSubject(runId), dueAt: due, payload: { run_id: runId, step_index: nextIndex } });
    return { result: 'done', status, next: { index: nextIndex, dueAt: due.toISOString() } };
  }
}
