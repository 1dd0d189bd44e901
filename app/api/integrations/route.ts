import { workspaceRoute } from '@/lib/api/route';
import { listIntegrations } from '@/lib/channels/connections/list-integrations';

export const GET = workspaceRoute(async ({ caller }) => ({ data: await listIntegrations(caller.actor) }), { permission: 'integrations.read' });
