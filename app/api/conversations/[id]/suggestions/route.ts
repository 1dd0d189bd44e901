import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { listSuggestions } from '@/lib/suggestions/list-suggestions';
import { generateSuggestions } from '@/lib/suggestions/generate-suggestions';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ data: await listSuggestions(caller.actor, uuidParam(params.id, 'Conversation')) }),
  { permission: 'conversations.read' },
);

// Generation calls the model: no transaction around the request; lib opens its own.
export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    data: await generateSuggestions(caller.actor, uuidParam(params.id, 'Conversation'), { signal: req.signal }),
  }),
  { permission: 'conversations.write', rateLimit: 'chat', transaction: false, status: 201 },
);
