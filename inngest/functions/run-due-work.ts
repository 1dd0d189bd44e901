// The Inngest path of due work: sleep until the item's due time, then claim the same row
// and run the same handler the in-process runner would (lib/jobs/due-work). A reschedule
// sends a new event; the old run wakes, finds the row not yet due and does nothing.
import { inngest } from '@/lib/jobs/inngest-client';
import { dueWorkScheduled, parseEventData } from '@/lib/jobs/events';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { registerDueHandlers } from '@/lib/jobs/due-work/register-due-handlers';

export const runDueWorkFn = inngest.createFunction(
  {
    id: 'run-due-work',
    name: 'Run a due-work item at its due time',
    triggers: [dueWorkScheduled],
    // Per workspace, and one at a time per subject: a conversation's reply, resume and the
    // delivery of its messages never run side by side (issue 9; the subject is
    // 'conversation:<id>' / 'message:<id>'; events from before it carried none use the row id).
    concurrency: [
      { key: 'event.data.workspace_id', limit: 5 },
      { key: 'event.data.workspace_id + ":" + (has(event.data.subject) ? event.data.subject : event.data.id)', limit: 1 },
    ],
    // Retries and dead-lettering live on the row (attempts, backoff, state 'dead').
    retries: 0,
  },
  async ({ event, step }) => {
    const data = parseEventData('jobs/due-work.scheduled', event.data);
    await step.sleepUntil('wait-until-due', new Date(data.due_at));
    return step.run('claim-and-run', async () => {
      await registerDueHandlers();
      return runDueWork({ id: data.id, limit: 1 });
    });
  },
);

/** Safety net: items whose event was lost, retries after backoff, expired leases. */
export const dueWorkSweep = inngest.createFunction(
  {
    id: 'due-work-sweep',
    name: 'Run due-work items nobody is waiting for',
    triggers: [{ cron: '* * * * *' }],
    concurrency: [{ limit: 1 }],
  },
  async ({ step }) =>
    step.run('sweep', async () => {
      await registerDueHandlers();
      return runDueWork({ limit: 50 });
    }),
);
