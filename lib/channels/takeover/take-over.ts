// A member takes a conversation over (POST …/takeover, or an operator reply when the
// workspace stops agents on a human reply): the agent is paused for them (paused_by human,
// paused_by_user_id), resume_at = now + the workspace's auto_resume_after (0 = never), the
// pending agent reply is cancelled and a 'conversation.resume' is scheduled. Another human
// reply pushes resume_at (and the resume work) further. Runs in the caller's transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { workspaces } from '@/lib/db/schema/core';
import { conversations } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { recordAudit } from '@/lib/audit/record-audit';
import { cancelDueWork, scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHANNEL_DUE_KINDS } from '../types';
import { stopRunsAsSystem } from '@/lib/chains/stop-runs';

const UNIT_MS: Record<string, number> = { минут: 60_000, часов: 3_600_000, дней: 86_400_000 };

export const TAKEOVER_REASON = 'takeover';
export const conversationSubject = (id: string) => `conversation:${id}`;

/** now + auto_resume_after in its unit; null when 0 (the agent waits until someone hands it back). */
export async function autoResumeAt(tx: Tx, workspaceId: string, now: Date): Promise<Date | null> {
  const [ws] = await tx
    .select({ after: workspaces.autoResumeAfter, unit: workspaces.autoResumeUnit })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws || ws.after <= 0) return null;
  return new Date(now.getTime() + ws.after * (UNIT_MS[ws.unit] ?? UNIT_MS['дней']));
}

export interface TakeoverResult {
  /** False when a human held it already (only resume_at moved). */
  started: boolean;
  resumeAt: Date | null;
}

export async function takeOver(
  tx: Tx,
  actor: WorkspaceActor,
  conv: { id: string; client_id: string; status: string; paused_by: string | null },
  opts: { now?: Date; reason: string },
): Promise<TakeoverResult> {
  const ws = actor.workspaceId;
  const now = opts.now ?? new Date();
  const userId = actorUserId(actor);
  const resumeAt = await autoResumeAt(tx, ws, now);
  const already = conv.status === 'paused' && conv.paused_by === 'human';
  await tx
    .update(conversations)
    .set({
      status: 'paused',
      pausedBy: 'human',
      pausedByUserId: userId,
      resumeAt,
      needsHumanSince: null,
      ...(already ? {} : { pausedAt: now, pauseReason: opts.reason }),
      version: sql`${conversations.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conv.id)));
  await cancelDueWork(tx, { workspaceId: ws, kind: CHANNEL_DUE_KINDS.reply, subject: conversationSubject(conv.id) });
  // A person answers now: follow-up chains stop (issue 10).
  await stopRunsAsSystem({ workspaceId: ws, conversationId: conv.id, reason: 'human_took_over' });
  if (resumeAt) {
    await scheduleDueWork(tx, { workspaceId: ws, kind: CHANNEL_DUE_KINDS.resume, subject: conversationSubject(conv.id), dueAt: resumeAt, maxAttempts: 5 });
  } else {
    await cancelDueWork(tx, { workspaceId: ws, kind: CHANNEL_DUE_KINDS.resume, subject: conversationSubject(conv.id) });
  }
  if (!already) {
    await recordEvent(tx, actor, {
      type: 'dialog_paused',
      conversationId: conv.id,
      clientId: conv.client_id,
      payload: { paused_by: 'human', reason: opts.reason, user_id: userId, resume_at: resumeAt?.toISOString() ?? null },
    });
    await recordAudit(tx, actor, {
      action: 'takeover_conversation',
      entityType: 'conversation',
      entityId: conv.id,
      oldValues: { status: conv.status, paused_by: conv.paused_by },
      newValues: { status: 'paused', paused_by: 'human', reason: opts.reason, resume_at: resumeAt?.toISOString() ?? null },
    });
  }
  return { started: !already, resumeAt };
}
