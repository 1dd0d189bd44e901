import { workspaceRoute } from '@/lib/api/route';
import { getAiStatus } from '@/lib/ai/get-ai-status';

export const GET = workspaceRoute(async ({ caller }) => getAiStatus(caller.actor), { permission: 'workspace.read' });
