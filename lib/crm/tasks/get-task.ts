import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { presentOneTask, type Task } from './present-tasks';

export async function getTask(actor: WorkspaceActor, taskId: string): Promise<Task> {
  assertCan(actor, 'crm.read');
  return withActor(actor, (tx) => presentOneTask(tx, actor.workspaceId, taskId));
}
