import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { deleteNotification } from '@/lib/notifications/delete-notifications';

export const DELETE = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => {
    await deleteNotification(caller.actor, uuidParam(params.id, 'Notification'));
    return null;
  },
  { permission: 'workspace.read' },
);
