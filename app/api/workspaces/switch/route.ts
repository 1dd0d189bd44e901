import { userRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { switchWorkspace } from '@/lib/team/switch-workspace';
import { switchWorkspaceSchema } from '@/lib/team/schemas';

export const POST = userRoute(async ({ req, caller }) => switchWorkspace(caller.actor, await parseJson(req, switchWorkspaceSchema)));
