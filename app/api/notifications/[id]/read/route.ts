import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { markNotificationRead } from '@/lib/notifications/mark-notification-read';

export const PATCH = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ notification: await markNotificationRead(caller.actor, uuidParam(params.id, 'Notification')) }),
  { permission: 'workspace.read' },
);
