// The follow-up chains' due work: `chain.step` [chain_run:<id>] runs the run's step named in the
// payload (start-chains schedules step 1 without one: index 0). The runner's clock is the step's
// "now" (tests move it). A step that keeps failing retries with the runner's backoff; when its
// last attempt fails too, the run stops (`failed`) rather than wait for ever with a stale next step.
import { sql } from 'drizzle-orm';
import { systemActor, withActor } from '@/lib/db/actor';
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { runStep } from './run-step';
import { stopRuns } from './stop-runs';
import { CHAINS_ACTOR, CHAIN_STEP_KIND } from './types';

onDueWork(CHAIN_STEP_KIND, async ({ workspaceId, item, now }) => {
  if (!item.subject.startsWith('chain_run:')) throw new Error(`unexpected subject ${item.subject}`);
  const runId = item.subject.slice('chain_run:'.length);
  const stepIndex = Number(item.payload.step_index ?? 0);
  const lastAttempt = item.attempts >= item.maxAttempts;
  try {
    await runStep(workspaceId, { runId, stepIndex, dueAt: item.dueAt, now, lastAttempt });
  } catch (err) {
    if (lastAttempt) {
      await withActor(systemActor(CHAINS_ACTOR, workspaceId), async (tx) => {
        await stopRuns(tx, { workspaceId, runId, reason: 'failed' });
        await tx.execute(sql`update public.chain_run_steps set status = 'failed', finished_at = ${now.toISOString()}::timestamptz
                             where run_id = ${runId}::uuid and step_index = ${stepIndex} and status = 'pending'`);
      });
    }
    throw err;
  }
});
