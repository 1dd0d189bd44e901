import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { channelTypeParam, toggleIntegrationSchema } from '@/lib/channels/connections/schemas';
import { toggleIntegration } from '@/lib/channels/connections/toggle-integration';

type P = { type: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const type = channelTypeParam(params.type);
    return toggleIntegration(caller.actor, type, await parseJson(req, toggleIntegrationSchema));
  },
  // The polling loop list is refreshed after the change commits.
  { permission: 'integrations.write', transaction: false },
);
