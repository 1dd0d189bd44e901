// Stop every running run of the chain (lib/chains/stop-all-runs.ts).
import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { stopAllRuns } from '@/lib/chains/stop-all-runs';

export const POST = workspaceRoute<{ id: string; chainId: string }>(
  async ({ params, caller }) => stopAllRuns(caller.actor, uuidParam(params.id, 'Agent'), uuidParam(params.chainId, 'Chain')),
  { permission: 'agents.write' },
);
