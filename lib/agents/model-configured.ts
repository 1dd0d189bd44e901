// Whether an agent's model can be reached: its provider has a key. Stand-in until the
// provider registry (lib/ai/provider/provider-config.ts providerConfigured) is merged:
// the environment's OpenAI key only.
import { getEnv } from '@/lib/env';
import { modelById } from '@/lib/ai/models';

export async function modelConfigured(modelId: string, _workspaceId?: string): Promise<boolean> {
  const model = modelById(modelId);
  return !!model && model.provider === 'openai' && !!getEnv().OPENAI_API_KEY;
}
