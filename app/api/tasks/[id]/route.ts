import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getTask } from '@/lib/crm/tasks/get-task';
import { updateTask } from '@/lib/crm/tasks/update-task';
import { deleteTask } from '@/lib/crm/tasks/delete-task';
import { updateTaskSchema } from '@/lib/crm/tasks/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(
  async ({ params, caller }) => ({ task: await getTask(caller.actor, uuidParam(params.id, 'Task')) }),
  { permission: 'crm.read' },
);

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    task: await updateTask(caller.actor, uuidParam(params.id, 'Task'), await parseJson(req, updateTaskSchema)),
  }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteTask(caller.actor, uuidParam(params.id, 'Task'));
    return null;
  },
  { permission: 'crm.write' },
);
