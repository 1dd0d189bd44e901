import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { createChain, listChains } from '@/lib/agents/manage-chains';
import { createChainSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ chains: await listChains(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    chain: await createChain(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, createChainSchema)),
  }),
  { permission: 'agents.write', status: 201 },
);
