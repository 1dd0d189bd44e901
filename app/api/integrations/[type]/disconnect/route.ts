import { workspaceRoute } from '@/lib/api/route';
import { disconnectIntegration } from '@/lib/channels/connections/disconnect-integration';
import { channelTypeParam } from '@/lib/channels/connections/schemas';

type P = { type: string };

// Undoes the provider side (Telegram: deleteWebhook) over the network: no transaction around the request.
export const DELETE = workspaceRoute<P>(async ({ params, caller }) => disconnectIntegration(caller.actor, channelTypeParam(params.type)), {
  permission: 'integrations.write',
  transaction: false,
});
