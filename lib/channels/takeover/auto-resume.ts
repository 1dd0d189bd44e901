// 'conversation.resume' [conversation:<id>]: a human-held conversation goes back to the agent
// once resume_at has passed and no human wrote since (a later human reply moved resume_at and
// this work with it; if the workspace no longer pushes on replies, the last operator message
// still counts). A conversation no longer held by a human is left alone.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { conversations } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHANNEL_DUE_KINDS, CHANNELS_ACTOR } from '../types';
import { afterHandBack } from './hand-back';
import { autoResumeAt, conversationSubject } from './take-over';

export type AutoResumeResult = 'resumed' | 'not_held' | 'not_due' | 'pushed';

export async function autoResume(workspaceId: string, conversationId: string, now: Date): Promise<AutoResumeResult> {
  const actor = systemActor(CHANNELS_ACTOR, workspaceId);
  return withActor(actor, async (tx) => {
    const [conv] = await tx
      .select({ id: conversations.id, clientId: conversations.clientId, status: conversations.status, pausedBy: conversations.pausedBy, resumeAt: conversations.resumeAt })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    if (!conv || conv.status !== 'paused' || conv.pausedBy !== 'human') return 'not_held';
    if (!conv.resumeAt || conv.resumeAt.getTime() > now.getTime()) return 'not_due';
    const [last] = await queryRows<{ at: Date | string | null }>(
      tx,
      sql`select max(created_at) as at from public.messages
          where workspace_id = ${workspaceId}::uuid and conversation_id = ${conversationId}::uuid and role = 'operator'`,
    );
    const pushed = last?.at ? await autoResumeAt(tx, workspaceId, new Date(last.at)) : null;
    if (pushed && pushed.getTime() > now.getTime()) {
      await tx.update(conversations).set({ resumeAt: pushed }).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
      await scheduleDueWork(tx, { workspaceId, kind: CHANNEL_DUE_KINDS.resume, subject: conversationSubject(conversationId), dueAt: pushed, maxAttempts: 5 });
      return 'pushed';
    }
    await tx
      .update(conversations)
      .set({ status: 'active', pausedBy: null, pausedAt: null, pauseReason: null, version: sql`${conversations.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    await recordEvent(tx, actor, {
      type: 'dialog_resumed',
      conversationId,
      clientId: conv.clientId,
      payload: { old_status: 'paused', paused_by: 'human', auto: true },
    });
    await afterHandBack(tx, actor, conversationId, now);
    return 'resumed';
  });
}
