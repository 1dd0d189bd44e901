// When each step of a chain not saved yet would go out for a sample start (lib/chains/preview-chain.ts).
import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { previewUnsavedChain, previewUnsavedChainSchema } from '@/lib/chains/preview-chain';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => previewUnsavedChain(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, previewUnsavedChainSchema)),
  { permission: 'agents.read' },
);
