import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getPipeline } from '@/lib/crm/pipelines/list-pipelines';
import { updatePipeline } from '@/lib/crm/pipelines/update-pipeline';
import { deletePipeline } from '@/lib/crm/pipelines/delete-pipeline';
import { deletePipelineQuery, updatePipelineSchema } from '@/lib/crm/pipelines/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ pipeline: await getPipeline(caller.actor, uuidParam(params.id, 'Pipeline')) }),
  { permission: 'crm.read' },
);

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    pipeline: await updatePipeline(caller.actor, uuidParam(params.id, 'Pipeline'), await parseJson(req, updatePipelineSchema)),
  }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const { move_to } = parseQuery(req, deletePipelineQuery);
    await deletePipeline(caller.actor, uuidParam(params.id, 'Pipeline'), { moveTo: move_to });
    return null;
  },
  { permission: 'crm.admin' },
);
