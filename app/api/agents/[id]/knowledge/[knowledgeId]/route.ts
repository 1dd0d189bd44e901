import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { companyKnowledgeItems } from '@/lib/agents/manage-agent-items';
import { updateKnowledgeSchema } from '@/lib/agents/schemas';

type P = { id: string; knowledgeId: string };
const ids = (p: P) => [uuidParam(p.id, 'Agent'), uuidParam(p.knowledgeId, 'Knowledge entry')] as const;

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ knowledge_entry: await companyKnowledgeItems.get(caller.actor, ...ids(params)) }), {
  permission: 'agents.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    knowledge_entry: await companyKnowledgeItems.update(caller.actor, ...ids(params), await parseJson(req, updateKnowledgeSchema)),
  }),
  { permission: 'agents.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await companyKnowledgeItems.remove(caller.actor, ...ids(params));
    return null;
  },
  { permission: 'agents.write' },
);
