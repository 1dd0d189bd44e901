// The operator opened the dialog: its unread count goes to 0 (lib/crm/conversations/mark-conversation-read.ts).
import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { markConversationRead } from '@/lib/crm/conversations/mark-conversation-read';

type P = { id: string };

export const POST = workspaceRoute<P>(
  async ({ params, caller }) => ({ conversation: await markConversationRead(caller.actor, uuidParam(params.id, 'Conversation')) }),
  { permission: 'conversations.write' },
);
