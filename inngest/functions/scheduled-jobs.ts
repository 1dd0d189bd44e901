// The installation's scheduled work as Inngest cron functions (production). They run the same
// job code as the in-process runner and record into the same scheduled_jobs row; the row's
// lease keeps a job from running twice at once whoever started it.
import { inngest } from '@/lib/jobs/inngest-client';
import { SCHEDULED_JOBS } from '@/lib/jobs/scheduled/jobs';
import { runScheduledJob } from '@/lib/jobs/scheduled/run-scheduled-job';

export const cleanupCron = inngest.createFunction(
  {
    id: 'cron-cleanup',
    name: 'Weekly clean-up of expired tokens, old logs and spent job rows',
    triggers: [{ cron: SCHEDULED_JOBS.cleanup.schedule }],
    concurrency: [{ limit: 1 }],
  },
  async ({ step }) => step.run('cleanup', async () => summary(await runScheduledJob('cleanup', { force: true }))),
);

export const kbEmbeddingsCron = inngest.createFunction(
  {
    id: 'cron-kb-embeddings',
    name: 'Refresh knowledge-base embeddings of changed or missing chunks',
    triggers: [{ cron: SCHEDULED_JOBS.kb_embeddings.schedule }],
    concurrency: [{ limit: 1 }],
  },
  async ({ step }) => step.run('kb-embeddings', async () => summary(await runScheduledJob('kb_embeddings', { force: true }))),
);

/** What the Inngest dashboard shows for the run (null: another runner held the job). */
function summary(run: Awaited<ReturnType<typeof runScheduledJob>>) {
  if (!run) return { status: 'already_running' as const };
  return { status: run.status, result: run.result, error: run.error ?? null, next_run_at: run.nextRunAt.toISOString() };
}
