import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { duplicateAgent } from '@/lib/agents/duplicate-agent';

export const POST = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ agent: await duplicateAgent(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.write', status: 201 },
);
