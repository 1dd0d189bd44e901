// The "Background work" panel (owners and admins): the installation's scheduled jobs (last
// run, next run, result, errors), which engine wakes background work (Inngest or the
// in-process runner) and how much of this workspace's work waits — outbox events not yet
// delivered and due work by kind, with what is overdue (an engine that is not running shows
// up there first). No secret is returned: only whether each Inngest key is set.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { assertCan } from '@/lib/auth/permissions';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { getEnv } from '@/lib/env';
import { inngestConfigured } from '../inngest-client';
import { SCHEDULED_JOBS, SCHEDULED_JOB_NAMES } from './jobs';

/** Pending work this late is overdue: nothing picked it up. */
export const OVERDUE_AFTER_MS = 2 * 60_000;

const iso = z.string().nullable();
export const backgroundWorkSchema = z.object({
  engine: z.object({
    mode: z.enum(['inngest', 'in_process']),
    inngest: z.object({
      configured: z.boolean(),
      dev_server: z.boolean(),
      event_key_set: z.boolean(),
      signing_key_set: z.boolean(),
      base_url: z.string().nullable(),
    }),
  }),
  jobs: z.array(
    z.object({
      name: z.enum(SCHEDULED_JOB_NAMES as [string, ...string[]]),
      schedule: z.string(),
      running: z.boolean(),
      last_started_at: iso,
      last_finished_at: iso,
      last_status: z.enum(['ok', 'skipped', 'failed']).nullable(),
      last_result: z.record(z.string(), z.unknown()).nullable(),
      last_error: z.string().nullable(),
      next_run_at: iso,
      runs: z.number(),
      failures: z.number(),
    }),
  ),
  outbox: z.object({ pending: z.number(), oldest_pending_at: iso, dead: z.number() }),
  due_work: z.object({
    pending: z.number(),
    overdue: z.number(),
    dead: z.number(),
    by_kind: z.array(z.object({ kind: z.string(), pending: z.number(), overdue: z.number(), next_due_at: iso })),
  }),
});
export type BackgroundWork = z.infer<typeof backgroundWorkSchema>;

const toIso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

interface JobRow {
  name: string;
  schedule: string;
  claimed_until: Date | string | null;
  last_started_at: Date | string | null;
  last_finished_at: Date | string | null;
  last_status: 'ok' | 'skipped' | 'failed' | null;
  last_result: Record<string, unknown> | null;
  last_error: string | null;
  next_run_at: Date | string | null;
  runs: number;
  failures: number;
}

export async function getBackgroundWork(actor: WorkspaceActor, now: Date = new Date()): Promise<BackgroundWork> {
  assertCan(actor, 'audit.read');
  const env = getEnv();
  const ws = actor.workspaceId;
  const overdueBefore = new Date(now.getTime() - OVERDUE_AFTER_MS).toISOString();
  // One transaction as the member: the jobs through a definer function that admits owners and
  // admins only (the table itself is closed to them), the backlog through RLS.
  const { rows, outbox, kinds, deadDue } = await withActor(actor, async (tx) => {
    const rows = await queryRows<JobRow>(tx, sql`select * from app.scheduled_jobs_status()`);
    const [outbox] = await queryRows<{ pending: number; oldest: Date | string | null; dead: number }>(
      tx,
      sql`select count(*) filter (where state = 'pending')::int as pending,
                 min(created_at) filter (where state = 'pending') as oldest,
                 count(*) filter (where state = 'dead')::int as dead
          from public.event_outbox where workspace_id = ${ws}::uuid`,
    );
    const kinds = await queryRows<{ kind: string; pending: number; overdue: number; next: Date | string | null }>(
      tx,
      sql`select kind, count(*)::int as pending,
                 count(*) filter (where due_at < ${overdueBefore}::timestamptz)::int as overdue, min(due_at) as next
          from public.due_work where workspace_id = ${ws}::uuid and state = 'pending'
          group by kind order by kind`,
    );
    const [dead] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from public.due_work where workspace_id = ${ws}::uuid and state = 'dead'`,
    );
    return { rows, outbox, kinds, deadDue: Number(dead.n) };
  });

  const byName = new Map(rows.map((r) => [r.name, r]));
  const jobs = SCHEDULED_JOB_NAMES.map((name) => {
    const r = byName.get(name);
    return {
      name,
      schedule: r?.schedule ?? SCHEDULED_JOBS[name].schedule,
      running: Boolean(r?.claimed_until && new Date(r.claimed_until) > now),
      last_started_at: toIso(r?.last_started_at),
      last_finished_at: toIso(r?.last_finished_at),
      last_status: r?.last_status ?? null,
      last_result: r?.last_result ?? null,
      last_error: r?.last_error ?? null,
      next_run_at: toIso(r?.next_run_at),
      runs: Number(r?.runs ?? 0),
      failures: Number(r?.failures ?? 0),
    };
  });

  return {
    engine: {
      mode: inngestConfigured() ? 'inngest' : 'in_process',
      inngest: {
        configured: inngestConfigured(),
        dev_server: Boolean(env.INNGEST_DEV),
        event_key_set: Boolean(env.INNGEST_EVENT_KEY),
        signing_key_set: Boolean(env.INNGEST_SIGNING_KEY),
        // The origin only: a URL could carry credentials.
        base_url: env.INNGEST_BASE_URL ? new URL(env.INNGEST_BASE_URL).origin : null,
      },
    },
    jobs,
    outbox: { pending: Number(outbox?.pending ?? 0), oldest_pending_at: toIso(outbox?.oldest), dead: Number(outbox?.dead ?? 0) },
    due_work: {
      pending: kinds.reduce((n, k) => n + Number(k.pending), 0),
      overdue: kinds.reduce((n, k) => n + Number(k.overdue), 0),
      dead: deadDue,
      by_kind: kinds.map((k) => ({ kind: k.kind, pending: Number(k.pending), overdue: Number(k.overdue), next_due_at: toIso(k.next) })),
    },
  };
}
