import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { companyKnowledgeItems } from '@/lib/agents/manage-agent-items';
import { createKnowledgeSchema } from '@/lib/agents/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ knowledge: await companyKnowledgeItems.list(caller.actor, uuidParam(params.id, 'Agent')) }),
  { permission: 'agents.read' },
);

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    knowledge_entry: await companyKnowledgeItems.create(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, createKnowledgeSchema)),
  }),
  { permission: 'agents.write', status: 201 },
);
