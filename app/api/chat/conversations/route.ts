import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { listTestConversationsQuery } from '@/lib/runtime/chat/schemas';
import { listTestConversations } from '@/lib/runtime/chat/list-test-conversations';

export const GET = workspaceRoute(async ({ req, caller }) => listTestConversations(caller.actor, parseQuery(req, listTestConversationsQuery)), {
  permission: 'conversations.read',
});
