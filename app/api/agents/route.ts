import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listAgents } from '@/lib/agents/list-agents';
import { createAgent } from '@/lib/agents/create-agent';
import { createAgentSchema, listAgentsQuery } from '@/lib/agents/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listAgents(caller.actor, parseQuery(req, listAgentsQuery)), {
  permission: 'agents.read',
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ agent: await createAgent(caller.actor, await parseJson(req, createAgentSchema)) }),
  { permission: 'agents.write', status: 201 },
);
