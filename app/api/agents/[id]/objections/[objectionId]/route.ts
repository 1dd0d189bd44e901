import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { objectionItems } from '@/lib/agents/manage-agent-items';
import { updateObjectionSchema } from '@/lib/agents/schemas';

type P = { id: string; objectionId: string };
const ids = (p: P) => [uuidParam(p.id, 'Agent'), uuidParam(p.objectionId, 'Objection response')] as const;

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ objection: await objectionItems.get(caller.actor, ...ids(params)) }), {
  permission: 'agents.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    objection: await objectionItems.update(caller.actor, ...ids(params), await parseJson(req, updateObjectionSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await objectionItems.remove(caller.actor, ...ids(params));
    return null;
  },
  { permission: 'agents.write' },
);
