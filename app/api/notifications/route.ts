import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { listNotifications, listNotificationsQuery } from '@/lib/notifications/list-notifications';
import { deleteAllNotifications } from '@/lib/notifications/delete-notifications';

export const GET = workspaceRoute(async ({ req, caller }) => listNotifications(caller.actor, parseQuery(req, listNotificationsQuery)), {
  permission: 'workspace.read',
});

export const DELETE = workspaceRoute(async ({ caller }) => deleteAllNotifications(caller.actor), { permission: 'workspace.read' });
