// The follow-up chains' due work: `chain.step` [chain_run:<id>] runs the run's step named in the
// payload (start-chains schedules step 1 without one: index 0). The runner's clock is the step's
// "now" (tests move it).
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { runStep } from './run-step';
import { CHAIN_STEP_KIND } from './types';

onDueWork(CHAIN_STEP_KIND, async ({ workspaceId, item, now }) => {
  if (!item.subject.startsWith('chain_run:')) throw new Error(`unexpected subject ${item.subject}`);
  const runId = item.subject.slice('chain_run:'.length);
  const stepIndex = Number(item.payload.step_index ?? 0);
  await runStep(workspaceId, { runId, stepIndex, dueAt: item.dueAt, now, lastAttempt: item.attempts >= item.maxAttempts });
});
