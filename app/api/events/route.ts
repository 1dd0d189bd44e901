import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { listEvents, listEventsQuery } from '@/lib/crm/events/list-events';

export const GET = workspaceRoute(async ({ req, caller }) => listEvents(caller.actor, parseQuery(req, listEventsQuery)), {
  permission: 'crm.read',
});
