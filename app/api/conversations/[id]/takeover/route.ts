import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { takeOverConversation } from '@/lib/channels/takeover/take-over-conversation';

type P = { id: string };

// The member holds the conversation: the agent is paused until auto-resume or a hand-back.
export const POST = workspaceRoute<P>(
  async ({ params, caller }) => takeOverConversation(caller.actor, uuidParam(params.id, 'Conversation')),
  { permission: 'conversations.write' },
);
