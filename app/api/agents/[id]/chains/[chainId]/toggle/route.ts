import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { toggleChain } from '@/lib/agents/manage-chains';
import { toggleSchema } from '@/lib/agents/schemas';

// No body flips the state; { "is_active": true|false } sets it.
export const PATCH = workspaceRoute<{ id: string; chainId: string }>(
  async ({ req, params, caller }) => ({
    chain: await toggleChain(
      caller.actor,
      uuidParam(params.id, 'Agent'),
      uuidParam(params.chainId, 'Chain'),
      await parseOptionalJson(req, toggleSchema),
    ),
  }),
  { permission: 'agents.write' },
);
