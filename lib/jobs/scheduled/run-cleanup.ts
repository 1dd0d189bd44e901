// The weekly clean-up (seed 000 "cleanupOldLogs"): expired tokens, reset and invitation rows,
// old logs and spent job rows, in one definer function whose retention is documented in its
// migration (20261201000500_scheduled_jobs.sql) and README.md. Runs as the jobs role.
import { sql } from 'drizzle-orm';
import { jobsRows, withJobsRole } from '../jobs-tx';
import type { ScheduledOutcome } from './types';

export async function runCleanup(now: Date): Promise<ScheduledOutcome> {
  const [row] = await withJobsRole((tx) =>
    jobsRows<{ result: Record<string, number> }>(tx, sql`select app.run_cleanup(${now.toISOString()}::timestamptz) as result`),
  );
  const deleted = row.result;
  const total = Object.values(deleted).reduce((n, v) => n + Number(v), 0);
  return { status: 'ok', result: { deleted, total } };
}
