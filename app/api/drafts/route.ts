import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { listDrafts } from '@/lib/runtime/drafts/list-drafts';
import { listDraftsQuery } from '@/lib/runtime/drafts/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listDrafts(caller.actor, parseQuery(req, listDraftsQuery)), {
  permission: 'conversations.read',
});
