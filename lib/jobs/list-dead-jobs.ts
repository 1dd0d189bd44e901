// The workspace's dead letters: due work and outbox events that exhausted their attempts.
// Read through RLS as the calling admin (the route requires an admin permission).
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { dueWork, eventOutbox } from '@/lib/db/schema/jobs';
import { jobsRows, withJobsRole } from './jobs-tx';

export const deadJobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const deadJobsResponseSchema = z.object({
  due_work: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      subject: z.string(),
      attempts: z.number(),
      max_attempts: z.number(),
      last_error: z.string().nullable(),
      due_at: z.string(),
      failed_at: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      attempts: z.number(),
      last_error: z.string().nullable(),
      created_at: z.string(),
      failed_at: z.string().nullable(),
    }),
  ),
});

export async function listDeadJobs(actor: WorkspaceActor, q: z.infer<typeof deadJobsQuerySchema>): Promise<z.infer<typeof deadJobsResponseSchema>> {
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    const due = await tx
      .select({
        id: dueWork.id,
        kind: dueWork.kind,
        subject: dueWork.subject,
        attempts: dueWork.attempts,
        maxAttempts: dueWork.maxAttempts,
        lastError: dueWork.lastError,
        dueAt: dueWork.dueAt,
        finishedAt: dueWork.finishedAt,
      })
      .from(dueWork)
      .where(and(eq(dueWork.workspaceId, ws), eq(dueWork.state, 'dead')))
      .orderBy(desc(dueWork.updatedAt))
      .limit(q.limit);
    const events = await tx
      .select({
        id: eventOutbox.id,
        name: eventOutbox.name,
        attempts: eventOutbox.attempts,
        lastError: eventOutbox.lastError,
        createdAt: eventOutbox.createdAt,
        deadAt: eventOutbox.deadAt,
      })
      .from(eventOutbox)
      .where(and(eq(eventOutbox.workspaceId, ws), eq(eventOutbox.state, 'dead')))
      .orderBy(desc(eventOutbox.deadAt))
      .limit(q.limit);
    return {
      due_work: due.map((d) => ({
        id: d.id,
        kind: d.kind,
        subject: d.subject,
        attempts: d.attempts,
        max_attempts: d.maxAttempts,
        last_error: d.lastError,
        due_at: d.dueAt.toISOString(),
        failed_at: d.finishedAt?.toISOString() ?? null,
      })),
      events: events.map((e) => ({
        id: Number(e.id),
        name: e.name,
        attempts: e.attempts,
        last_error: e.lastError,
        created_at: e.createdAt.toISOString(),
        failed_at: e.deadAt?.toISOString() ?? null,
      })),
    };
  });
}

/** Dead letters across all workspaces, for the readiness check (as the jobs role). */
export async function countDeadJobs(): Promise<{ dead_due_work: number; dead_events: number }> {
  const [row] = await withJobsRole((tx) =>
    jobsRows<{ due: number | string; events: number | string }>(
      tx,
      sql`select (select count(*) from public.due_work where state = 'dead') as due,
                 (select count(*) from public.event_outbox where state = 'dead') as events`,
    ),
  );
  return { dead_due_work: Number(row?.due ?? 0), dead_events: Number(row?.events ?? 0) };
}
