import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { deleteTrigger, getTrigger, updateTrigger } from '@/lib/agents/manage-triggers';
import { updateTriggerSchema } from '@/lib/agents/schemas';

type P = { id: string; triggerId: string };
const ids = (p: P) => [uuidParam(p.id, 'Agent'), uuidParam(p.triggerId, 'Trigger')] as const;

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ trigger: await getTrigger(caller.actor, ...ids(params)) }), {
  permission: 'agents.read',
});

// Given actions replace the trigger's actions; absent actions stay.
export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    trigger: await updateTrigger(caller.actor, ...ids(params), await parseJson(req, updateTriggerSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteTrigger(caller.actor, ...ids(params));
    return null;
  },
  { permission: 'agents.write' },
);
