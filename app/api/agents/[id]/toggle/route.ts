import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { toggleAgent } from '@/lib/agents/toggle-agent';
import { toggleSchema } from '@/lib/agents/schemas';

// No body flips the state; { "is_active": true|false } sets it.
export const PATCH = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    agent: await toggleAgent(caller.actor, uuidParam(params.id, 'Agent'), await parseOptionalJson(req, toggleSchema)),
  }),
  { permission: 'agents.write' },
);
