import { workspaceRoute } from '@/lib/api/route';
import { DEFAULT_MODEL_ID, MODELS } from '@/lib/ai/models';

export const GET = workspaceRoute(
  async () => ({
    models: MODELS.map((m) => ({ id: m.id, provider: m.provider, provider_model: m.providerModel, label: m.label })),
    default_model: DEFAULT_MODEL_ID,
  }),
  { permission: 'agents.read' },
);
