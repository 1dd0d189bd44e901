// GET /api/chat/conversations/:id: a test conversation with its messages oldest first (each
// agent reply with its turn trace, the "why this answer").
import { and, asc, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { messages } from '@/lib/db/schema/crm';
import { presentConversation, requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { presentMessage } from '@/lib/crm/messages/present-message';
import { userNames } from '@/lib/crm/present';
import { assertTestConversation } from './schemas';

/** A test chat is short; a runaway one shows its latest messages. */
const MAX_MESSAGES = 500;

export async function getTestConversation(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'conversations.read');
  return withActor(actor, async (tx) => {
    const row = await requireConversationRow(tx, actor, id);
    assertTestConversation(row);
    const rows = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.conversationId, id)))
      .orderBy(asc(messages.createdAt), asc(messages.id));
    const shown = rows.slice(-MAX_MESSAGES);
    const names = await userNames(tx, shown.map((m) => m.senderUserId));
    return { conversation: presentConversation(row), messages: shown.map((m) => presentMessage(m, names)) };
  });
}
