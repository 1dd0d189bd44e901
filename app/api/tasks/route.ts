import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listTasks } from '@/lib/crm/tasks/list-tasks';
import { createTask } from '@/lib/crm/tasks/create-task';
import { createTaskSchema, listTasksQuery } from '@/lib/crm/tasks/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listTasks(caller.actor, parseQuery(req, listTasksQuery)), {
  permission: 'crm.read',
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ task: await createTask(caller.actor, await parseJson(req, createTaskSchema)) }),
  { permission: 'crm.write', status: 201 },
);
