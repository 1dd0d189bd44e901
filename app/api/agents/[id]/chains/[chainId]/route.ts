import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { deleteChain, getChain, updateChain } from '@/lib/agents/manage-chains';
import { updateChainSchema } from '@/lib/agents/schemas';

type P = { id: string; chainId: string };
const ids = (p: P) => [uuidParam(p.id, 'Agent'), uuidParam(p.chainId, 'Chain')] as const;

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ chain: await getChain(caller.actor, ...ids(params)) }), {
  permission: 'agents.read',
});

// Given steps replace the chain's steps; absent steps stay.
export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    chain: await updateChain(caller.actor, ...ids(params), await parseJson(req, updateChainSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteChain(caller.actor, ...ids(params));
    return null;
  },
  { permission: 'agents.write' },
);
