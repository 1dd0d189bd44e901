// Schedule, reschedule and cancel due work by subject, inside the caller's transaction
// (a member's or a system actor's; RLS keeps it in their workspace). Scheduling the same
// (kind, subject) again replaces the pending item — "the pending reply of conversation X".
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { enqueueEvent } from '../enqueue';
import { inngestConfigured } from '../inngest-client';
import { relaySoon } from '../relay-outbox';
import { afterCommit } from '@/lib/db/actor';
import { hintDueRunner } from './runner';

export interface ScheduleInput {
  workspaceId: string;
  kind: string;
  subject: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
}

export async function scheduleDueWork(tx: Tx, input: ScheduleInput): Promise<{ id: string; dueAt: Date }> {
  const payload = JSON.stringify(input.payload ?? {});
  const [row] = await queryRows<{ id: string; due_at: Date | string }>(
    tx,
    sql`insert into public.due_work (workspace_id, kind, subject, due_at, payload, max_attempts)
        values (${input.workspaceId}::uuid, ${input.kind}, ${input.subject}, ${input.dueAt.toISOString()}::timestamptz,
                ${payload}::jsonb, ${input.maxAttempts ?? 5})
        on conflict (workspace_id, kind, subject) where state = 'pending'
        do update set due_at = excluded.due_at, payload = excluded.payload, max_attempts = excluded.max_attempts,
                      attempts = 0, last_error = null, updated_at = now()
        returning id, due_at`,
  );
  const dueAt = new Date(row.due_at);
  if (inngestConfigured()) {
    // Production: an Inngest function sleeps until due_at, then claims this row.
    await enqueueEvent(tx, input.workspaceId, 'jobs/due-work.scheduled', {
      workspace_id: input.workspaceId,
      id: row.id,
      due_at: dueAt.toISOString(),
      kind: input.kind,
      subject: input.subject,
    });
    relaySoon();
  } else {
    // Wake the in-process runner once the row is committed (at once outside a transaction).
    await afterCommit(() => hintDueRunner(dueAt));
  }
  return { id: row.id, dueAt };
}

/** Cancels the pending item of (kind, subject); returns how many were cancelled (0 or 1). */
export async function cancelDueWork(tx: Tx, input: { workspaceId: string; kind: string; subject: string }): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update public.due_work set state = 'cancelled', updated_at = now()
        where workspace_id = ${input.workspaceId}::uuid and kind = ${input.kind} and subject = ${input.subject}
          and state = 'pending'
        returning id`,
  );
  return rows.length;
}
