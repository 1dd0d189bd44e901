// Runs a scheduled job once: claim its row (due, or forced by an Inngest cron) with a lease in
// one statement, run it outside any transaction, record the outcome and the next run. The
// next run is the schedule's next time after the run ended, so a window missed while the app
// was down runs once when it comes back, not once per missed period; several instances (or
// Inngest and a stray runner) never run a job twice at once.
import { sql } from 'drizzle-orm';
import { logger } from '@/lib/log/logger';
import { jobsRows, withJobsRole } from '../jobs-tx';
import { SCHEDULED_JOBS, SCHEDULED_JOB_NAMES, type ScheduledJobName } from './jobs';
import { nextCronRun } from './next-cron-run';
import type { ScheduledOutcome } from './types';

/** A run that has not finished by then is presumed dead and may be claimed again. */
export const SCHEDULED_LEASE_MS = 30 * 60_000;

export interface ScheduledRunOptions {
  now?: () => Date;
  /** Run even if not due (the Inngest cron decides the time). */
  force?: boolean;
}

export type ScheduledRun = ScheduledOutcome & { name: ScheduledJobName; nextRunAt: Date };

export async function runScheduledJob(name: ScheduledJobName, opts: ScheduledRunOptions = {}): Promise<ScheduledRun | null> {
  const now = opts.now ?? (() => new Date());
  const job = SCHEDULED_JOBS[name];
  const startedAt = now();
  const at = startedAt.toISOString();
  const lease = new Date(startedAt.getTime() + SCHEDULED_LEASE_MS).toISOString();
  const claimed = await withJobsRole((tx) =>
    jobsRows<{ name: string }>(
      tx,
      sql`insert into public.scheduled_jobs (name, schedule, next_run_at) values (${name}, ${job.schedule}, ${at}::timestamptz)
          on conflict (name) do nothing`,
    ).then(() =>
      jobsRows<{ name: string }>(
        tx,
        sql`update public.scheduled_jobs
            set claimed_until = ${lease}::timestamptz, last_started_at = ${at}::timestamptz, runs = runs + 1,
                schedule = ${job.schedule}, updated_at = ${at}::timestamptz
            where name = ${name}
              and (${opts.force ?? false} or next_run_at <= ${at}::timestamptz)
              and (claimed_until is null or claimed_until < ${at}::timestamptz)
            returning name`,
      ),
    ),
  );
  if (!claimed.length) return null;

  let outcome: ScheduledOutcome;
  try {
    outcome = await job.run(startedAt);
  } catch (err) {
    outcome = { status: 'failed', result: {}, error: String((err as Error)?.message ?? err).slice(0, 1000) };
  }
  const finishedAt = now();
  const nextRunAt = nextCronRun(job.schedule, finishedAt);
  await withJobsRole((tx) =>
    tx.execute(
      sql`update public.scheduled_jobs
          set claimed_until = null, last_finished_at = ${finishedAt.toISOString()}::timestamptz,
              last_status = ${outcome.status}, last_result = ${JSON.stringify(outcome.result)}::jsonb,
              last_error = ${outcome.error ?? null}, failures = failures + ${outcome.status === 'failed' ? 1 : 0},
              next_run_at = ${nextRunAt.toISOString()}::timestamptz, updated_at = ${finishedAt.toISOString()}::timestamptz
          where name = ${name}`,
    ),
  );
  const log = outcome.status === 'failed' ? logger.warn.bind(logger) : logger.info.bind(logger);
  log({ job: name, status: outcome.status, result: outcome.result, err: outcome.error }, 'scheduled job finished');
  return { ...outcome, name, nextRunAt };
}

/** Every job that is due now (the in-process runner's pass). */
export async function runDueScheduledJobs(now: () => Date = () => new Date()): Promise<ScheduledRun[]> {
  const runs: ScheduledRun[] = [];
  for (const name of SCHEDULED_JOB_NAMES) {
    const run = await runScheduledJob(name, { now });
    if (run) runs.push(run);
  }
  return runs;
}

/** When the next scheduled job becomes runnable (its due time, or its lease running out). */
export async function nextScheduledRunAt(): Promise<Date | null> {
  const [row] = await withJobsRole((tx) =>
    jobsRows<{ next: Date | string | null }>(
      tx,
      sql`select min(case when claimed_until is not null then greatest(next_run_at, claimed_until) else next_run_at end) as next
          from public.scheduled_jobs`,
    ),
  );
  return row?.next ? new Date(row.next) : null;
}
