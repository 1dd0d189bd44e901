import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getConversation } from '@/lib/crm/conversations/get-conversation';
import { updateConversation } from '@/lib/crm/conversations/update-conversation';
import { deleteConversation } from '@/lib/crm/conversations/delete-conversation';
import { updateConversationSchema } from '@/lib/crm/conversations/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ conversation: await getConversation(caller.actor, uuidParam(params.id, 'Conversation')) }),
  { permission: 'conversations.read' },
);

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    return { conversation: await updateConversation(caller.actor, id, await parseJson(req, updateConversationSchema)) };
  },
  { permission: 'conversations.write' },
);

// Needs crm.admin (checked in lib).
export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteConversation(caller.actor, uuidParam(params.id, 'Conversation'));
    return null;
  },
  { permission: 'conversations.write' },
);
