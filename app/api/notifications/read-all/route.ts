import { workspaceRoute } from '@/lib/api/route';
import { markAllNotificationsRead } from '@/lib/notifications/mark-all-notifications-read';

export const POST = workspaceRoute(async ({ caller }) => markAllNotificationsRead(caller.actor), { permission: 'workspace.read' });
