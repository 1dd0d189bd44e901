import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { listMessages } from '@/lib/crm/messages/list-messages';
import { sendHumanMessage } from '@/lib/crm/messages/send-human-message';
import { listMessagesQuery, sendMessageSchema } from '@/lib/crm/conversations/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    return listMessages(caller.actor, id, parseQuery(req, listMessagesQuery));
  },
  { permission: 'conversations.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    return { message: await sendHumanMessage(caller.actor, id, await parseJson(req, sendMessageSchema)) };
  },
  { permission: 'conversations.write', status: 201 },
);
