import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { pauseConversation } from '@/lib/crm/conversations/pause-conversation';
import { pauseSchema } from '@/lib/crm/conversations/schemas';

type P = { id: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    return { conversation: await pauseConversation(caller.actor, id, await parseOptionalJson(req, pauseSchema)) };
  },
  { permission: 'conversations.write' },
);
