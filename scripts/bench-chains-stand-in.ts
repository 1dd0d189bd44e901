// bench:chains only: a stand-in `chain.step` handler used while the chain engine (lib/chains/run-step.ts)
// is not registered in this build. It does the database work of a step the contract describes
// (docs/chains-api.md "Running a step") for a step whose actions need no model: as the `chains`
// system actor, lock the running run, run update_field and create_task through the CRM interface
// (timeline events included), record the step, advance the run and schedule its next step (or
// complete it). Not used by the app.
import { sql } from 'drizzle-orm';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { crmFor } from '@/lib/crm/get-crm';
import { CHAINS_ACTOR, CHAIN_STEP_KIND } from '@/lib/chains/types';
import { stepDueAt, type DelayUnit } from '@/lib/chains/schedule/step-due-at';
import type { ScheduleDay } from '@/lib/db/schema/agents';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import type { DueHandler } from '@/lib/jobs/due-work/handlers';

interface Snapshot {
  steps: { delay_value: number; delay_unit: string; actions: { action_type: string; instruction: string | null }[] }[];
  schedule: ScheduleDay[] | null;
  time_zone: string;
}

export function registerStandInStep(onDueWork: (kind: string, handler: DueHandler) => void): void {
  onDueWork(CHAIN_STEP_KIND, async ({ workspaceId, item, now }) => {
    const runId = String(item.payload.run_id);
    const actor = systemActor(CHAINS_ACTOR, workspaceId);
    await withActor(actor, async (tx) => {
      const [run] = await queryRows<{ id: string; current_step: number; snapshot: Snapshot; conversation_id: string; client_id: string | null; status: string }>(
        tx,
        sql`select r.id, r.current_step, r.snapshot, r.conversation_id, r.client_id, v.status
            from public.chain_runs r join public.conversations v on v.id = r.conversation_id
            where r.id = ${runId}::uuid and r.status = 'running' for update of r`,
      );
      if (!run || run.status !== 'active') return;
      const steps = run.snapshot.steps;
      const step = steps[run.current_step];
      if (!step) return;
      const crm = crmFor(actor);
      const results: { type: string; result: string }[] = [];
      for (const a of step.actions) {
        if (a.action_type === 'update_field') {
          const [code, value] = String(a.instruction ?? '').split('=');
          const [r] = await crm.updateFields('deal', run.conversation_id, { [code]: value }, { overwrite: true });
          results.push({ type: a.action_type, result: r?.status === 'rejected' ? 'failed' : 'done' });
        } else if (a.action_type === 'create_task') {
          await crm.createTask({ text: a.instruction ?? 'Связаться с клиентом', conversation_id: run.conversation_id, client_id: run.client_id });
          results.push({ type: a.action_type, result: 'done' });
        } else results.push({ type: a.action_type, result: 'skipped' });
      }
      const at = now.toISOString();
      await tx.execute(
        sql`insert into public.chain_run_steps (workspace_id, run_id, step_index, due_at, started_at, finished_at, status, actions)
            values (${workspaceId}::uuid, ${runId}::uuid, ${run.current_step}, ${item.dueAt.toISOString()}::timestamptz, ${at}::timestamptz,
                    ${at}::timestamptz, 'sent', ${JSON.stringify(results)}::jsonb)`,
      );
      const next = steps[run.current_step + 1];
      const due = next ? stepDueAt(now, { delay_value: next.delay_value, delay_unit: next.delay_unit as DelayUnit }, run.snapshot.schedule, run.snapshot.time_zone).dueAt : null;
      if (due) {
        await tx.execute(
          sql`update public.chain_runs set current_step = current_step + 1, next_due_at = ${due.toISOString()}::timestamptz, updated_at = ${at}::timestamptz
              where id = ${runId}::uuid`,
        );
        await scheduleDueWork(tx, { workspaceId, kind: CHAIN_STEP_KIND, subject: `chain_run:${runId}`, dueAt: due, payload: { run_id: runId } });
      } else {
        await tx.execute(
          sql`update public.chain_runs set current_step = current_step + 1, next_due_at = null, status = 'completed', finished_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
              where id = ${runId}::uuid`,
        );
      }
    });
  });
}
