import { workspaceRoute } from '@/lib/api/route';
import { getTelegramLink, unlinkTelegram } from '@/lib/channels/owner/manage-telegram-link';

// The caller's own Telegram chat for owner notifications in this workspace.
export const GET = workspaceRoute(async ({ caller }) => getTelegramLink(caller.actor), { permission: 'workspace.read' });

export const DELETE = workspaceRoute(async ({ caller }) => unlinkTelegram(caller.actor), { permission: 'workspace.read' });
