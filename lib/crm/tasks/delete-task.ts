// Delete a task (members may: tasks are the small parts of a record). One audit row.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { tasks } from '@/lib/db/schema/crm';
import { requireTask } from './present-tasks';

export async function deleteTask(actor: WorkspaceActor, taskId: string): Promise<void> {
  assertCan(actor, 'crm.write');
  await withActor(actor, async (tx) => {
    const before = await requireTask(tx, actor.workspaceId, taskId);
    await tx.delete(tasks).where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, actor.workspaceId)));
    await recordAudit(tx, actor, {
      action: 'delete_task',
      entityType: 'task',
      entityId: taskId,
      oldValues: { text: before.text, client_id: before.clientId, conversation_id: before.conversationId, done: before.done },
    });
  });
}
