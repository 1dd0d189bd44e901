// "My tasks" and the tasks of a client or deal: overdue first, then by due date (none last),
// then oldest first. Pages by an opaque cursor (the position in this order).
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { tasks } from '@/lib/db/schema/crm';
import type { ListTasksQuery } from './schemas';
import { presentTaskRows, selectTasks, type Task } from './present-tasks';

export async function listTasks(actor: WorkspaceActor, q: ListTasksQuery): Promise<{ data: Task[]; next_cursor: string | null }> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const where: SQL[] = [eq(tasks.workspaceId, actor.workspaceId)];
    if (q.mine) {
      // A system actor has no tasks of its own.
      if (actor.kind !== 'user') return { data: [], next_cursor: null };
      where.push(eq(tasks.responsibleUserId, actor.userId));
    }
    if (q.responsible_user_id) where.push(eq(tasks.responsibleUserId, q.responsible_user_id));
    if (q.done !== undefined) where.push(eq(tasks.done, q.done));
    if (q.client_id) where.push(eq(tasks.clientId, q.client_id));
    if (q.conversation_id) where.push(eq(tasks.conversationId, q.conversation_id));
    if (q.overdue !== undefined) {
      where.push(q.overdue ? sql`(not ${tasks.done} and ${tasks.dueAt} < now())` : sql`not (not ${tasks.done} and coalesce(${tasks.dueAt} < now(), false))`);
    }
    const offset = q.cursor ? Number(q.cursor) : 0;
    const rows = await selectTasks(tx, and(...where))
      .orderBy(
        sql`(not ${tasks.done} and coalesce(${tasks.dueAt} < now(), false)) desc`,
        asc(tasks.done),
        sql`${tasks.dueAt} asc nulls last`,
        asc(tasks.createdAt),
        asc(tasks.id),
      )
      .limit(q.limit + 1)
      .offset(offset);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const data = await presentTaskRows(tx, page.map((r) => ({ ...r.task, clientName: r.clientName })));
    return { data, next_cursor: more ? String(offset + q.limit) : null };
  });
}
