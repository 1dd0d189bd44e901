import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { syncAgentCrm } from '@/lib/agents/sync-agent-crm';

type P = { id: string };

export const POST = workspaceRoute<P>(async ({ params, caller }) => syncAgentCrm(caller.actor, uuidParam(params.id, 'Agent')), {
  permission: 'agents.write',
});
