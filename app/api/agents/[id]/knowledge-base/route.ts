import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getKnowledgeScope, setKnowledgeScope } from '@/lib/agents/manage-knowledge-scope';
import { setKnowledgeScopeSchema } from '@/lib/agents/schemas';

type P = { id: string };

// The response has the same shape as the PUT body.
export const GET = workspaceRoute<P>(
  async ({ params, caller }) => getKnowledgeScope(caller.actor, uuidParam(params.id, 'Agent')),
  { permission: 'agents.read' },
);

export const PUT = workspaceRoute<P>(
  async ({ req, params, caller }) =>
    setKnowledgeScope(caller.actor, uuidParam(params.id, 'Agent'), await parseJson(req, setKnowledgeScopeSchema)),
  { permission: 'agents.write' },
);
