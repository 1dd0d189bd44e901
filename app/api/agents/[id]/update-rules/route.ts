import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { createUpdateRule, listUpdateRules } from '@/lib/agents/manage-update-rules';
import { createUpdateRuleSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ update_rules: await listUpdateRules(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    update_rule: await createUpdateRule(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, createUpdateRuleSchema)),
  }),
  { permission: 'agents.write', status: 201 },
);
