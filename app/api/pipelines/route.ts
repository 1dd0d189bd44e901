import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { listPipelines } from '@/lib/crm/pipelines/list-pipelines';
import { createPipeline } from '@/lib/crm/pipelines/create-pipeline';
import { createPipelineSchema } from '@/lib/crm/pipelines/schemas';

export const GET = workspaceRoute(async ({ caller }) => ({ pipelines: await listPipelines(caller.actor) }), { permission: 'crm.read' });

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ pipeline: await createPipeline(caller.actor, await parseJson(req, createPipelineSchema)) }),
  { permission: 'crm.write', status: 201 },
);
