import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getAgent } from '@/lib/agents/get-agent';
import { updateAgent } from '@/lib/agents/update-agent';
import { deleteAgent } from '@/lib/agents/delete-agent';
import { updateAgentSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ agent: await getAgent(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    agent: await updateAgent(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, updateAgentSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteAgent(caller.actor, uuidParam(params.id, 'Agent'));
    return null;
  },
  { permission: 'agents.write' },
);
