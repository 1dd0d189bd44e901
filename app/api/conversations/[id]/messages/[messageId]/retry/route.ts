import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { retryMessage } from '@/lib/channels/delivery/retry-message';

type P = { id: string; messageId: string };

// A failed outbound message goes back to delivery (409 not_failed otherwise).
export const POST = workspaceRoute<P>(
  async ({ params, caller }) => ({
    message: await retryMessage(caller.actor, uuidParam(params.id, 'Conversation'), uuidParam(params.messageId, 'Message')),
  }),
  { permission: 'conversations.write' },
);
