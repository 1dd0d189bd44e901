import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { channelTypeParam, integrationConfigSchema } from '@/lib/channels/connections/schemas';
import { updateIntegrationConfig } from '@/lib/channels/connections/update-integration-config';

type P = { type: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => {
    const type = channelTypeParam(params.type);
    return updateIntegrationConfig(caller.actor, type, await parseJson(req, integrationConfigSchema));
  },
  { permission: 'integrations.write' },
);
