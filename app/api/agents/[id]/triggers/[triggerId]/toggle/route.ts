import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { toggleTrigger } from '@/lib/agents/manage-triggers';
import { toggleSchema } from '@/lib/agents/schemas';

// No body flips the state; { "is_active": true|false } sets it.
export const PATCH = workspaceRoute<{ id: string; triggerId: string }>(
  async ({ req, params, caller }) => ({
    trigger: await toggleTrigger(
      caller.actor,
      uuidParam(params.id, 'Agent'),
      uuidParam(params.triggerId, 'Trigger'),
      await parseOptionalJson(req, toggleSchema),
    ),
  }),
  { permission: 'agents.write' },
);
