import { workspaceRoute } from '@/lib/api/route';
import { createTelegramLinkCode } from '@/lib/channels/owner/manage-telegram-link';

// A one-time code (10 minutes) and the deep link https://t.me/<bot>?start=<code>.
export const POST = workspaceRoute(async ({ caller }) => createTelegramLinkCode(caller.actor), { permission: 'workspace.read' });
