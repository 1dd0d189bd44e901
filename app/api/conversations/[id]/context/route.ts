import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { updateContext } from '@/lib/crm/conversations/update-context';
import { updateContextSchema } from '@/lib/crm/conversations/schemas';

type P = { id: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const id = uuidParam(params.id, 'Conversation');
    return { conversation: await updateContext(caller.actor, id, await parseJson(req, updateContextSchema)) };
  },
  { permission: 'conversations.write' },
);
