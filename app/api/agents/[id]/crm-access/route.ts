import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getCrmAccess, setCrmAccess } from '@/lib/agents/manage-crm-access';
import { setCrmAccessSchema } from '@/lib/agents/schemas';

type P = { id: string };

// The response has the same shape as the PUT body.
export const GET = workspaceRoute<P>(async ({ params, caller }) => getCrmAccess(caller.actor, uuidParam(params.id, 'Agent')), {
  permission: 'agents.read',
});

export const PUT = workspaceRoute<P>(
  async ({ req, params, caller }) =>
    setCrmAccess(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, setCrmAccessSchema)),
  { permission: 'agents.write' },
);
