import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { sendTestMessageSchema } from '@/lib/runtime/chat/schemas';
import { sendTestMessage } from '@/lib/runtime/chat/send-test-message';
import { streamTestMessage, wantsEventStream } from '@/lib/runtime/chat/stream-test-message';

// The turn calls the model: no transaction around the request; lib opens its own.
export const POST = workspaceRoute(
  async ({ req, caller, requestId }) => {
    const input = await parseJson(req, sendTestMessageSchema);
    if (wantsEventStream(req)) return streamTestMessage(req, caller.actor, input, requestId);
    return sendTestMessage(caller.actor, input, { signal: req.signal });
  },
  { permission: 'conversations.write', rateLimit: 'chat', transaction: false },
);
