import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listConversations } from '@/lib/crm/conversations/list-conversations';
import { createConversation } from '@/lib/crm/conversations/create-conversation';
import { createConversationSchema, listConversationsQuery } from '@/lib/crm/conversations/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listConversations(caller.actor, parseQuery(req, listConversationsQuery)), {
  permission: 'conversations.read',
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ conversation: await createConversation(caller.actor, await parseJson(req, createConversationSchema)) }),
  { permission: 'conversations.write', status: 201 },
);
