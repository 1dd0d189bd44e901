import { workspaceRoute } from '@/lib/api/route';
import { connectWebChat } from '@/lib/channels/web-chat/connect-web-chat';
import { parseBody } from '@/lib/channels/web-chat/parse-body';
import { connectWebChatSchema } from '@/lib/channels/web-chat/widget-config';

export const POST = workspaceRoute(
  async ({ req, caller }) => connectWebChat(caller.actor, await parseBody(req, connectWebChatSchema)),
  { permission: 'integrations.write', status: 201 },
);
