// GET /api/chat/conversations: the test chat's conversations (channel `test` only), newest first.
import type { WorkspaceActor } from '@/lib/db/actor';
import { listConversations } from '@/lib/crm/conversations/list-conversations';
import { listTestConversationsQuery, type ListTestConversationsQuery } from './schemas';

export async function listTestConversations(actor: WorkspaceActor, raw: ListTestConversationsQuery = {}) {
  const q = listTestConversationsQuery.parse(raw);
  return listConversations(actor, { channel_type: 'test', agent_id: q.agent_id, cursor: q.cursor, limit: q.limit });
}
