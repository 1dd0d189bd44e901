// The agent takes a conversation back: an operator's hand-back (POST …/resume) or the
// auto-resume due work. Clears the pause and "needs a human", cancels the pending resume and,
// when customer messages are unanswered, schedules the agent's reply (delay, working hours).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { conversations } from '@/lib/db/schema/crm';
import { cancelDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { decideReply } from '../reply/schedule-reply';
import { unansweredMessageIds } from '../reply/unanswered-messages';
import { CHANNEL_DUE_KINDS } from '../types';
import { conversationSubject } from './take-over';

export async function afterHandBack(tx: Tx, actor: WorkspaceActor, conversationId: string, now: Date): Promise<void> {
  const ws = actor.workspaceId;
  await tx
    .update(conversations)
    .set({ pausedByUserId: null, resumeAt: null, needsHumanSince: null })
    .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, conversationId)));
  await cancelDueWork(tx, { workspaceId: ws, kind: CHANNEL_DUE_KINDS.resume, subject: conversationSubject(conversationId) });
  if ((await unansweredMessageIds(tx, ws, conversationId)).length) await decideReply(tx, actor, conversationId, now);
}
