// GET /api/conversations/:id (with who holds it, docs/channels-api.md).
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { presentConversation, requireConversationRow } from './load-conversations';
import { describeHolder } from '@/lib/channels/takeover/describe-holder';

export async function getConversation(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'conversations.read');
  return withActor(actor, async (tx) => {
    const row = await requireConversationRow(tx, actor, id);
    const holders = await describeHolder(tx, actor, [row.id]);
    return { ...presentConversation(row), holder: holders.get(row.id) ?? null };
  });
}
