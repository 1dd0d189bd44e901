// Claims due items and runs their handlers. Claiming is ONE atomic update
// (`for update skip locked`), so across instances and engines each due item is run by
// exactly one runner; a runner that dies mid-run loses its lease and the item is
// claimed again. Failures retry with exponential backoff; after max_attempts the item
// is dead: visible (GET /api/jobs/dead, readiness) and alerting (log line, notification).
// Time comes from `now` so tests drive a clock.
import { sql } from 'drizzle-orm';
import { logger } from '@/lib/log/logger';
import { alertDeadLetter } from '../dead-letter';
import { jobsRows, withJobsRole, type SystemActor } from '../jobs-tx';
import { dueHandlerFor, type DueItem } from './handlers';

export const LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Wait before attempt n+1 after attempt n failed: 30 s, 1 min, 2 min ... capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

interface Row {
  id: string;
  workspace_id: string;
  kind: string;
  subject: string;
  due_at: Date | string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export interface RunOptions {
  now?: () => Date;
  /** Claim at most this many items. */
  limit?: number;
  /** Only this item (the Inngest path, after its sleep). */
  id?: string;
}

export interface RunResult {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
}

/**
 * The claim statement: pending and due, or running with an expired lease; earliest due first; at
 * most `limit` rows; rows another runner holds are skipped. Each kind of row is read in its own
 * index's order and stops after `limit` rows (due_work_due_idx, due_work_lease_idx), so the cost
 * follows the batch, not the backlog nor the table (an OR of both made one bitmap scan, a sort of
 * every due row under the row locks, and a hash join over the whole table). Rows locked here but
 * not picked are released at commit.
 */
export function claimStatement(now: Date, limit: number, id?: string) {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  const only = id ?? null;
  return sql`with expired as (
            select w.id, w.due_at from public.due_work w
            where w.state = 'running' and w.claimed_until < ${at}::timestamptz and (${only}::uuid is null or w.id = ${only}::uuid)
            order by w.claimed_until
            limit ${limit}
            for update skip locked),
          due as (
            select w.id, w.due_at from public.due_work w
            where w.state = 'pending' and w.due_at <= ${at}::timestamptz and (${only}::uuid is null or w.id = ${only}::uuid)
            order by w.due_at
            limit ${limit}
            for update skip locked)
          update public.due_work d
          set state = 'running', attempts = d.attempts + 1, claimed_until = ${lease}::timestamptz, updated_at = ${at}::timestamptz
          where d.id = any (array(
            select x.id from (select id, due_at from expired union all select id, due_at from due) x
            order by x.due_at
            limit ${limit}))
          returning d.id, d.workspace_id, d.kind, d.subject, d.due_at, d.payload, d.attempts, d.max_attempts`;
}

/** One atomic claim (claimStatement). */
export async function claimDueWork(now: Date, limit: number, id?: string): Promise<DueItem[]> {
  const rows = await withJobsRole((tx) => jobsRows<Row>(tx, claimStatement(now, limit, id)));
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    kind: r.kind,
    subject: r.subject,
    dueAt: new Date(r.due_at),
    payload: r.payload ?? {},
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
  }));
}

export async function runDueWork(opts: RunOptions = {}): Promise<RunResult> {
  const now = opts.now ?? (() => new Date());
  const items = await claimDueWork(now(), opts.limit ?? 20, opts.id);
  const result: RunResult = { claimed: items.length, done: 0, retried: 0, dead: 0 };
  for (const item of items) {
    const outcome = await runOne(item, now);
    result[outcome]++;
  }
  return result;
}

async function runOne(item: DueItem, now: () => Date): Promise<'done' | 'retried' | 'dead'> {
  const actor: SystemActor = { kind: 'system', name: `due:${item.kind}`, workspaceId: item.workspaceId };
  let error: string;
  // A crash between claim and finish already used up the attempts: bury rather than loop.
  if (item.attempts > item.maxAttempts) error = 'lease expired after the last attempt';
  else {
    const handler = dueHandlerFor(item.kind);
    try {
      if (!handler) throw new Error(`no handler registered for due work of kind ${item.kind}`);
      await handler({ workspaceId: item.workspaceId, actor, item, now: now() });
      await finish(item, sql`state = 'done', finished_at = ${now().toISOString()}::timestamptz, last_error = null`, now);
      return 'done';
    } catch (err) {
      error = String((err as Error)?.message ?? err).slice(0, 1000);
    }
  }
  if (item.attempts >= item.maxAttempts) {
    await finish(item, sql`state = 'dead', finished_at = ${now().toISOString()}::timestamptz, last_error = ${error}`, now);
    await alertDeadLetter({ source: 'due_work', id: item.id, workspaceId: item.workspaceId, name: item.kind, attempts: item.attempts, error });
    return 'dead';
  }
  const retryAt = new Date(now().getTime() + backoffMs(item.attempts)).toISOString();
  // Back to pending for a retry, unless the subject was scheduled anew meanwhile (the
  // newer item supersedes this one; only one pending item per subject may exist).
  const retry = finish(
    item,
    sql`state = case when exists (
              select 1 from public.due_work p
              where p.workspace_id = ${item.workspaceId}::uuid and p.kind = ${item.kind} and p.subject = ${item.subject}
                and p.state = 'pending' and p.id <> ${item.id}::uuid)
            then 'cancelled' else 'pending' end,
        due_at = ${retryAt}::timestamptz, last_error = ${error}`,
    now,
  );
  // A schedule committed between the check and the update trips the pending-subject index.
  await retry.catch(() => finish(item, sql`state = 'cancelled', last_error = ${error}`, now));
  logger.warn({ job: item.kind, job_id: item.id, attempts: item.attempts, retry_at: retryAt, err: error }, 'due work failed; will retry');
  return 'retried';
}

/** Ends a run this runner still owns (its lease); a lost lease means another runner took over. */
async function finish(item: DueItem, set: import('drizzle-orm').SQL, now: () => Date): Promise<void> {
  await withJobsRole((tx) =>
    tx.execute(
      sql`update public.due_work set ${set}, claimed_until = null, updated_at = ${now().toISOString()}::timestamptz
          where id = ${item.id}::uuid and state = 'running' and attempts = ${item.attempts}`,
    ),
  );
}

/** The earliest time something becomes runnable (a pending due time or an expiring lease). */
export async function nextDueAt(): Promise<Date | null> {
  const [row] = await withJobsRole((tx) =>
    jobsRows<{ next: Date | string | null }>(
      tx,
      sql`select least(
            (select min(due_at) from public.due_work where state = 'pending'),
            (select min(claimed_until) from public.due_work where state = 'running')) as next`,
    ),
  );
  return row?.next ? new Date(row.next) : null;
}
