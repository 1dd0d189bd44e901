import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { getBoard } from '@/lib/crm/conversations/get-board';
import { boardQuery } from '@/lib/crm/conversations/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => getBoard(caller.actor, parseQuery(req, boardQuery)), {
  permission: 'conversations.read',
});
