import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { salesScriptItems } from '@/lib/agents/manage-agent-items';
import { updateScriptSchema } from '@/lib/agents/schemas';

type P = { id: string; scriptId: string };
const ids = (p: P) => [uuidParam(p.id, 'Agent'), uuidParam(p.scriptId, 'Sales script')] as const;

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ script: await salesScriptItems.get(caller.actor, ...ids(params)) }), {
  permission: 'agents.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    script: await salesScriptItems.update(caller.actor, ...ids(params), await parseJson(req, updateScriptSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await salesScriptItems.remove(caller.actor, ...ids(params));
    return null;
  },
  { permission: 'agents.write' },
);
