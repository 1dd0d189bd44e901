// A task on a client or a deal (by a person, or by the agent runtime: its create_task and
// no-answer tasks land here). Writes `task_created` on the timeline and one audit row.
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { tasks } from '@/lib/db/schema/crm';
import { recordEvent, sourceOf } from '@/lib/crm/record-event';
import { assertMember, resolveActivityTarget } from '@/lib/crm/activity-refs';
import { createTaskSchema, type CreateTaskInput } from './schemas';
import { presentOneTask, type Task } from './present-tasks';

/** Inside the caller's transaction (the CRM adapter uses it too). */
export async function insertTask(tx: Tx, actor: WorkspaceActor, input: CreateTaskInput): Promise<Task> {
  const target = await resolveActivityTarget(tx, actor.workspaceId, input);
  if (input.responsible_user_id) await assertMember(tx, actor.workspaceId, input.responsible_user_id);
  const done = input.done ?? false;
  const [row] = await tx
    .insert(tasks)
    .values({
      workspaceId: actor.workspaceId,
      text: input.text,
      dueAt: input.due_at ? new Date(input.due_at) : null,
      responsibleUserId: input.responsible_user_id ?? null,
      clientId: target.clientId,
      conversationId: target.conversationId,
      done,
      doneAt: done ? new Date() : null,
      source: sourceOf(actor),
      createdBy: actorUserId(actor),
    })
    .returning();
  await recordEvent(tx, actor, {
    type: 'task_created',
    clientId: row.clientId,
    conversationId: row.conversationId,
    payload: { task_id: row.id, text: row.text, due_at: row.dueAt?.toISOString() ?? null, responsible_user_id: row.responsibleUserId },
  });
  await recordAudit(tx, actor, {
    action: 'create_task',
    entityType: 'task',
    entityId: row.id,
    newValues: {
      text: row.text,
      due_at: row.dueAt,
      responsible_user_id: row.responsibleUserId,
      client_id: row.clientId,
      conversation_id: row.conversationId,
      done: row.done,
    },
  });
  return presentOneTask(tx, actor.workspaceId, row.id);
}

export async function createTask(actor: WorkspaceActor, raw: unknown): Promise<Task> {
  assertCan(actor, 'crm.write');
  const input = createTaskSchema.parse(raw);
  return withActor(actor, (tx) => insertTask(tx, actor, input));
}
