import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { reorderUpdateRules } from '@/lib/agents/manage-update-rules';
import { reorderSchema } from '@/lib/agents/schemas';

// { "ids": [...] }: every rule of the agent once, in the new order.
export const PUT = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    update_rules: await reorderUpdateRules(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, reorderSchema)),
  }),
  { permission: 'agents.write' },
);
