import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { getTestConversation } from '@/lib/runtime/chat/get-test-conversation';
import { deleteTestConversation } from '@/lib/runtime/chat/delete-test-conversation';

type P = { id: string };

export const GET = workspaceRoute<P>(async ({ params, caller }) => getTestConversation(caller.actor, uuidParam(params.id, 'Test conversation')), {
  permission: 'conversations.read',
});

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteTestConversation(caller.actor, uuidParam(params.id, 'Test conversation'));
    return null;
  },
  { permission: 'conversations.write' },
);
