import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { listIntegrations, listIntegrationsQuery } from '@/lib/channels/connections/list-integrations';

export const GET = workspaceRoute(async ({ req, caller }) => ({ data: await listIntegrations(caller.actor, parseQuery(req, listIntegrationsQuery)) }), {
  permission: 'integrations.read',
});
