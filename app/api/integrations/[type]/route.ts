import { workspaceRoute } from '@/lib/api/route';
import { getIntegration } from '@/lib/channels/connections/list-integrations';
import { channelTypeParam } from '@/lib/channels/connections/schemas';

type P = { type: string };

export const GET = workspaceRoute<P>(async ({ params, caller }) => getIntegration(caller.actor, channelTypeParam(params.type)), {
  permission: 'integrations.read',
});
