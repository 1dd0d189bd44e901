import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { resumeConversation } from '@/lib/crm/conversations/pause-conversation';
import { resumeSchema } from '@/lib/crm/conversations/schemas';

type P = { id: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    await parseOptionalJson(req, resumeSchema);
    return { conversation: await resumeConversation(caller.actor, id) };
  },
  { permission: 'conversations.write' },
);

// Hand back (issue 9): the same as PATCH, as docs/channels-api.md names it.
export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    await parseOptionalJson(req, resumeSchema);
    return { conversation: await resumeConversation(caller.actor, id) };
  },
  { permission: 'conversations.write' },
);
