import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { dismissSuggestion } from '@/lib/suggestions/dismiss-suggestion';
import { dismissSuggestionSchema } from '@/lib/suggestions/schemas';

type P = { id: string; suggestionId: string };

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    dismissed: true,
    suggestion: await dismissSuggestion(
      caller.actor,
      uuidParam(params.id, 'Conversation'),
      uuidParam(params.suggestionId, 'Suggestion'),
      await parseOptionalJson(req, dismissSuggestionSchema),
    ),
  }),
  { permission: 'conversations.write' },
);
