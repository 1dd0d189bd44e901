// DELETE /api/chat/conversations/:id: a test conversation with its messages and timeline (foreign
// keys cascade). Any other conversation is a 404 here: production dialogs are deleted in the CRM.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { conversations } from '@/lib/db/schema/crm';
import { presentConversation, requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { assertTestChatAccess, assertTestConversation } from './schemas';

export async function deleteTestConversation(actor: WorkspaceActor, id: string): Promise<void> {
  assertTestChatAccess(actor);
  await withActor(actor, async (tx) => {
    const before = await requireConversationRow(tx, actor, id);
    assertTestConversation(before);
    await tx
      .delete(conversations)
      .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, id), eq(conversations.channelType, 'test')));
    await recordAudit(tx, actor, { action: 'delete_test_conversation', entityType: 'conversation', entityId: id, oldValues: presentConversation(before) });
  });
}
