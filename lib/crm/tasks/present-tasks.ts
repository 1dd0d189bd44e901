// Loads tasks with their client's name and the responsible people's names, presented.
import { and, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { notFound } from '@/lib/api/errors';
import { clients, tasks } from '@/lib/db/schema/crm';
import { presentTask, userNames } from '@/lib/crm/present';

export type TaskRow = typeof tasks.$inferSelect;
export type Task = ReturnType<typeof presentTask>;

export async function presentTaskRows(tx: Tx, rows: (TaskRow & { clientName?: string | null })[]): Promise<Task[]> {
  const names = await userNames(tx, rows.map((r) => r.responsibleUserId));
  const now = new Date();
  return rows.map(({ clientName, ...row }) =>
    presentTask(row, names, row.clientId ? { id: row.clientId, name: clientName ?? '' } : null, now),
  );
}

export function selectTasks(tx: Tx, where: SQL | undefined) {
  return tx
    .select({ task: tasks, clientName: clients.name })
    .from(tasks)
    .leftJoin(clients, and(eq(clients.id, tasks.clientId), eq(clients.workspaceId, tasks.workspaceId)))
    .where(where);
}

/** A task of the actor's workspace, or 404. */
export async function requireTask(tx: Tx, workspaceId: string, taskId: string): Promise<TaskRow> {
  const [row] = await tx.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)));
  if (!row) throw notFound('Task');
  return row;
}

export async function presentOneTask(tx: Tx, workspaceId: string, taskId: string): Promise<Task> {
  const [r] = await selectTasks(tx, and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)));
  if (!r) throw notFound('Task');
  const [task] = await presentTaskRows(tx, [{ ...r.task, clientName: r.clientName }]);
  return task;
}
