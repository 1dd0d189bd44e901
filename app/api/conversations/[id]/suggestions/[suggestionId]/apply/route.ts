import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { applySuggestion } from '@/lib/suggestions/apply-suggestion';

type P = { id: string; suggestionId: string };

export const POST = workspaceRoute<P>(
  async ({ params, caller }) =>
    applySuggestion(caller.actor, uuidParam(params.id, 'Conversation'), uuidParam(params.suggestionId, 'Suggestion')),
  { permission: 'conversations.write' },
);
