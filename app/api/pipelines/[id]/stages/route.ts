import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { replaceStages } from '@/lib/crm/pipelines/replace-stages';
import { replaceStagesSchema } from '@/lib/crm/pipelines/schemas';

type P = { id: string };

export const PUT = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    pipeline: await replaceStages(caller.actor, uuidParam(params.id, 'Pipeline'), await parseJson(req, replaceStagesSchema)),
  }),
  { permission: 'crm.write' },
);
