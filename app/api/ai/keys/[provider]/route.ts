import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { setAiKey } from '@/lib/ai/keys/set-ai-key';
import { deleteAiKey } from '@/lib/ai/keys/delete-ai-key';
import { setAiKeySchema } from '@/lib/ai/keys/ai-key-schemas';

type P = { provider: string };

export const PUT = workspaceRoute<P>(
  async ({ req, params, caller }) => setAiKey(caller.actor, params.provider, await parseJson(req, setAiKeySchema)),
  { permission: 'ai.keys' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteAiKey(caller.actor, params.provider);
    return null;
  },
  { permission: 'ai.keys' },
);
