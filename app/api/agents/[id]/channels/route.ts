import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getChannels, setChannels } from '@/lib/agents/manage-channels';
import { setChannelsSchema } from '@/lib/agents/schemas';

type P = { id: string };

// The response has the same shape as the PUT body.
export const GET = workspaceRoute<P>(async ({ params, caller }) => getChannels(caller.actor, uuidParam(params.id, 'Agent')), {
  permission: 'agents.read',
});

export const PUT = workspaceRoute<P>(
  async ({ req, params, caller }) =>
    setChannels(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, setChannelsSchema)),
  { permission: 'agents.write' },
);
