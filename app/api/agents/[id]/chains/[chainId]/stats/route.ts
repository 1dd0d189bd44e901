// A chain's results: runs and stops, and per step what went out and who answered (lib/chains/chain-stats.ts).
import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { chainStats } from '@/lib/chains/chain-stats';

export const GET = workspaceRoute<{ id: string; chainId: string }>(
  async ({ params, caller }) => chainStats(caller.actor, uuidParam(params.id, 'Agent'), uuidParam(params.chainId, 'Chain')),
  { permission: 'agents.read' },
);
