import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { salesScriptItems } from '@/lib/agents/manage-agent-items';
import { createScriptSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ scripts: await salesScriptItems.list(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    script: await salesScriptItems.create(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, createScriptSchema)),
  }),
  { permission: 'agents.write', status: 201 },
);
