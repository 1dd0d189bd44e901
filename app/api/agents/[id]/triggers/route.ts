import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { createTrigger, listTriggers } from '@/lib/agents/manage-triggers';
import { createTriggerSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ triggers: await listTriggers(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    trigger: await createTrigger(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, createTriggerSchema)),
  }),
  { permission: 'agents.write', status: 201 },
);
