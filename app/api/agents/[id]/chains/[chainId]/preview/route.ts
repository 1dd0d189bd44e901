// When each step of the chain would go out for a sample start (lib/chains/preview-chain.ts).
import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { previewChain, previewChainSchema } from '@/lib/chains/preview-chain';

export const POST = workspaceRoute<{ id: string; chainId: string }>(
  async ({ req, params, caller }) =>
    previewChain(caller.actor, uuidParam(params.id, 'Agent'), uuidParam(params.chainId, 'Chain'), await parseJson(req, previewChainSchema)),
  { permission: 'agents.read' },
);
