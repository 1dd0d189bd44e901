import { workspaceRoute } from '@/lib/api/route';
import { listAiKeys } from '@/lib/ai/keys/list-ai-keys';

export const GET = workspaceRoute(async ({ caller }) => ({ data: await listAiKeys(caller.actor) }), { permission: 'ai.keys' });
