// The Background work panel's data (owners and admins): scheduled jobs, the engine, backlogs.
import { workspaceRoute } from '@/lib/api/route';
import { getBackgroundWork } from '@/lib/jobs/scheduled/get-background-work';

export const GET = workspaceRoute(async ({ caller }) => getBackgroundWork(caller.actor), { permission: 'audit.read' });
