import { workspaceRoute } from '@/lib/api/route';
import { DEFAULT_MODEL_ID, MODELS } from '@/lib/ai/models';
import { providerConfigs } from '@/lib/ai/provider/provider-config';

export const GET = workspaceRoute(
  async ({ caller }) => {
    const configured = new Set((await providerConfigs(caller.actor.workspaceId)).filter((p) => p.config).map((p) => p.provider));
    return {
      models: MODELS.map((m) => ({
        id: m.id,
        provider: m.provider,
        provider_model: m.providerModel,
        label: m.label,
        configured: configured.has(m.provider),
        context_tokens: m.contextTokens,
        price_in_per_mtok: m.priceInPerMTok,
        price_out_per_mtok: m.priceOutPerMTok,
      })),
      default_model: DEFAULT_MODEL_ID,
    };
  },
  { permission: 'agents.read' },
);
