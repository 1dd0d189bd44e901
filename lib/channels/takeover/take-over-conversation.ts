// POST /api/conversations/:id/takeover: the member holds the conversation (see take-over.ts).
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { conflict } from '@/lib/api/errors';
import { presentConversation, requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { describeHolder } from './describe-holder';
import { takeOver, TAKEOVER_REASON } from './take-over';

export async function takeOverConversation(actor: WorkspaceActor, id: string, opts: { now?: Date } = {}) {
  assertCan(actor, 'conversations.write');
  return withActor(actor, async (tx) => {
    const before = await requireConversationRow(tx, actor, id);
    if (before.status === 'closed') throw conflict('The conversation is closed; resume it first', 'conversation_closed');
    await takeOver(tx, actor, before, { now: opts.now, reason: TAKEOVER_REASON });
    const holder = (await describeHolder(tx, actor, [id])).get(id) ?? null;
    return { conversation: presentConversation(await requireConversationRow(tx, actor, id)), holder };
  });
}
