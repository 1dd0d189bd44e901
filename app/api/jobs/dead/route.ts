// Dead letters of the workspace's background work (admins).
import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { deadJobsQuerySchema, listDeadJobs } from '@/lib/jobs/list-dead-jobs';

export const GET = workspaceRoute(async ({ req, caller }) => listDeadJobs(caller.actor, parseQuery(req, deadJobsQuerySchema)), {
  permission: 'audit.read',
});
