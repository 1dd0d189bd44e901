// Stop one follow-up run of the conversation (lib/chains/stop-conversation-run.ts).
import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { stopConversationRun } from '@/lib/chains/stop-conversation-run';

export const POST = workspaceRoute<{ id: string; runId: string }>(
  async ({ params, caller }) => stopConversationRun(caller.actor, uuidParam(params.id, 'Conversation'), uuidParam(params.runId, 'Chain run')),
  { permission: 'conversations.write' },
);
