import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getPipelines, setPipelines } from '@/lib/agents/manage-pipelines';
import { setPipelinesSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ pipelines: await getPipelines(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const PUT = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    pipelines: await setPipelines(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, setPipelinesSchema)),
  }),
  { permission: 'agents.write' },
);
