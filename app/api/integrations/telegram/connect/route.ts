import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { connectTelegramSchema } from '@/lib/channels/connections/schemas';
import { connectTelegram } from '@/lib/channels/telegram/connect-telegram';

// Calls Telegram (getMe, setWebhook): no transaction around the request.
export const POST = workspaceRoute(async ({ req, caller }) => connectTelegram(caller.actor, await parseJson(req, connectTelegramSchema)), {
  permission: 'integrations.write',
  status: 201,
  transaction: false,
});
