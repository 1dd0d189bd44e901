// PATCH /api/conversations/:id/pause and /resume (seed 000 body {paused_by, reason}): the
// agent stops or goes on answering this dialog. Pausing a paused one changes nothing; a closed
// dialog cannot be paused (409), resuming reopens it. Pausing cancels the pending agent reply;
// resuming is the operator's hand-back (issue 9): the pending auto-resume is cancelled, "needs
// a human" cleared, and unanswered customer messages get the agent's reply scheduled.
import { sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { conflict } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { recordEvent } from '../record-event';
import { presentConversation, requireConversationRow } from './load-conversations';
import { pauseSchema } from './schemas';
import { writeConversation } from './write-conversation';
import { actorUserId } from '@/lib/db/actor';
import { cancelDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHANNEL_DUE_KINDS } from '@/lib/channels/types';
import { afterHandBack } from '@/lib/channels/takeover/hand-back';

export async function pauseConversation(actor: WorkspaceActor, id: string, raw: unknown = {}) {
  assertCan(actor, 'conversations.write');
  const input = pauseSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const before = await requireConversationRow(tx, actor, id);
    if (before.status === 'closed') throw conflict('The conversation is closed; resume it first', 'conversation_closed');
    if (before.status === 'paused') return presentConversation(before);
    const reason = input.reason || null;
    await writeConversation(tx, actor, before, {
      status: 'paused',
      pausedBy: input.paused_by,
      pausedAt: sql`now()`,
      pauseReason: reason,
      pausedByUserId: input.paused_by === 'human' ? actorUserId(actor) : null,
    });
    await cancelDueWork(tx, { workspaceId: actor.workspaceId, kind: CHANNEL_DUE_KINDS.reply, subject: `conversation:${before.id}` });
    await recordEvent(tx, actor, { type: 'dialog_paused', conversationId: before.id, clientId: before.client_id, payload: { paused_by: input.paused_by, reason } });
    await recordAudit(tx, actor, {
      action: 'pause_conversation',
      entityType: 'conversation',
      entityId: before.id,
      oldValues: { status: before.status },
      newValues: { status: 'paused', paused_by: input.paused_by, reason },
    });
    return presentConversation(await requireConversationRow(tx, actor, before.id));
  });
}

export async function resumeConversation(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'conversations.write');
  return withActor(actor, async (tx) => {
    const before = await requireConversationRow(tx, actor, id);
    if (before.status === 'active') {
      await afterHandBack(tx, actor, before.id, new Date());
      return presentConversation(before);
    }
    await writeConversation(tx, actor, before, { status: 'active', pausedBy: null, pausedAt: null, pauseReason: null, closedAt: null });
    await recordEvent(tx, actor, {
      type: 'dialog_resumed',
      conversationId: before.id,
      clientId: before.client_id,
      payload: { old_status: before.status, paused_by: before.paused_by },
    });
    await recordAudit(tx, actor, {
      action: 'resume_conversation',
      entityType: 'conversation',
      entityId: before.id,
      oldValues: { status: before.status, paused_by: before.paused_by },
      newValues: { status: 'active' },
    });
    await afterHandBack(tx, actor, before.id, new Date());
    return presentConversation(await requireConversationRow(tx, actor, before.id));
  });
}
