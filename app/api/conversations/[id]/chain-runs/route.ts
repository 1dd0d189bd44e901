// The follow-up chains of a conversation, running first, with the next step (lib/chains/list-runs.ts).
import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { listConversationRuns } from '@/lib/chains/list-runs';

export const GET = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => listConversationRuns(caller.actor, uuidParam(params.id, 'Conversation')),
  { permission: 'conversations.read' },
);
