import { workspaceRoute } from '@/lib/api/route';
import { listTeam } from '@/lib/team/list-team';

export const GET = workspaceRoute(async ({ caller }) => listTeam(caller.actor), { permission: 'team.read' });
