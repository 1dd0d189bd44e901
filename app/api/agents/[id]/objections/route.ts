import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { objectionItems } from '@/lib/agents/manage-agent-items';
import { createObjectionSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ objections: await objectionItems.list(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    objection: await objectionItems.create(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, createObjectionSchema)),
  }),
  { permission: 'agents.write', status: 201 },
);
