import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { checkReadiness } from '@/lib/agents/check-readiness';

export const GET = workspaceRoute<{ id: string }>(async ({ params, caller }) => checkReadiness(caller.actor, uuidParam(params.id, 'Agent')), {
  permission: 'agents.read',
});
