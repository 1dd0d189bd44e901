import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { deleteUpdateRule, getUpdateRule, updateUpdateRule } from '@/lib/agents/manage-update-rules';
import { updateUpdateRuleSchema } from '@/lib/agents/schemas';

type P = { id: string; ruleId: string };
const ids = (p: P) => [uuidParam(p.id, 'Agent'), uuidParam(p.ruleId, 'Update rule')] as const;

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ update_rule: await getUpdateRule(caller.actor, ...ids(params)) }),
  { permission: 'agents.read' },
);

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    update_rule: await updateUpdateRule(caller.actor, ...ids(params), await parseJson(req, updateUpdateRuleSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteUpdateRule(caller.actor, ...ids(params));
    return null;
  },
  { permission: 'agents.write' },
);
