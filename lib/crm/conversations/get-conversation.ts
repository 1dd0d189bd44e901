// GET /api/conversations/:id.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { presentConversation, requireConversationRow } from './load-conversations';

export async function getConversation(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'conversations.read');
  return withActor(actor, async (tx) => presentConversation(await requireConversationRow(tx, actor, id)));
}
