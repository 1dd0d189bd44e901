// Edit a task: text, due date, responsible, what it hangs on, done. Marking it done stamps
// done_at and writes `task_completed` on the timeline; every change is one audit row.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { diffValues, recordAudit } from '@/lib/audit/record-audit';
import { tasks } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { assertMember, resolveActivityTarget } from '@/lib/crm/activity-refs';
import { updateTaskSchema } from './schemas';
import { presentOneTask, requireTask, type Task } from './present-tasks';

export async function updateTask(actor: WorkspaceActor, taskId: string, raw: unknown): Promise<Task> {
  assertCan(actor, 'crm.write');
  const input = updateTaskSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const before = await requireTask(tx, actor.workspaceId, taskId);
    const patch: Partial<typeof tasks.$inferInsert> = {};
    if (input.text !== undefined) patch.text = input.text;
    if (input.due_at !== undefined) patch.dueAt = input.due_at ? new Date(input.due_at) : null;
    if (input.responsible_user_id !== undefined) {
      if (input.responsible_user_id) await assertMember(tx, actor.workspaceId, input.responsible_user_id);
      patch.responsibleUserId = input.responsible_user_id;
    }
    if (input.client_id !== undefined || input.conversation_id !== undefined) {
      const movesClient = input.client_id !== undefined && input.client_id !== before.clientId;
      const target = await resolveActivityTarget(tx, actor.workspaceId, {
        conversation_id: input.conversation_id !== undefined ? input.conversation_id : movesClient ? null : before.conversationId,
        client_id: input.client_id ?? (input.conversation_id ? undefined : before.clientId),
      });
      patch.clientId = target.clientId;
      patch.conversationId = target.conversationId;
    }
    const completes = input.done === true && !before.done;
    if (input.done !== undefined && input.done !== before.done) {
      patch.done = input.done;
      patch.doneAt = input.done ? new Date() : null;
    }
    const snap = (t: typeof before | typeof patch) => ({
      text: t.text,
      due_at: t.dueAt === undefined ? undefined : t.dueAt?.toISOString() ?? null,
      responsible_user_id: t.responsibleUserId,
      client_id: t.clientId,
      conversation_id: t.conversationId,
      done: t.done,
    });
    const diff = diffValues(snap(before), snap(patch));
    if (!diff.changed) return presentOneTask(tx, actor.workspaceId, taskId);
    const [row] = await tx
      .update(tasks)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, actor.workspaceId)))
      .returning();
    if (completes) {
      await recordEvent(tx, actor, {
        type: 'task_completed',
        clientId: row.clientId,
        conversationId: row.conversationId,
        payload: { task_id: row.id, text: row.text },
      });
    }
    await recordAudit(tx, actor, { action: 'update_task', entityType: 'task', entityId: taskId, oldValues: diff.oldValues, newValues: diff.newValues });
    return presentOneTask(tx, actor.workspaceId, taskId);
  });
}
