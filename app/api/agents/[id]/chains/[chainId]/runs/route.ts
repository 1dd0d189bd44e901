// A chain's runs, newest first, by status (lib/chains/list-runs.ts).
import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { listChainRuns, listRunsQuerySchema } from '@/lib/chains/list-runs';

export const GET = workspaceRoute<{ id: string; chainId: string }>(
  async ({ req, params, caller }) =>
    listChainRuns(caller.actor, uuidParam(params.id, 'Agent'), uuidParam(params.chainId, 'Chain'), parseQuery(req, listRunsQuerySchema)),
  { permission: 'agents.read' },
);
