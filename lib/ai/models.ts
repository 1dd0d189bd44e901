// The models an agent can use: the only place model ids, providers, labels, context sizes and
// prices are listed. agents.model stores `id`; the runtime sends `providerModel` to `provider`.
// Prices are public list prices in USD per million tokens (input / output) at the time of
// writing; they estimate messages.cost_usd, the provider's invoice is the truth.
export type ModelProvider = 'openai' | 'openrouter' | 'gemini' | 'custom';

export const CHAT_PROVIDERS = ['openai', 'openrouter', 'gemini', 'custom'] as const satisfies readonly ModelProvider[];

export type Creativity = 'precise' | 'balanced' | 'creative';

export interface ModelTemperatures {
  precise: number;
  balanced: number;
  creative: number;
}

export interface ModelInfo {
  id: string;
  provider: ModelProvider;
  /** The model name sent to the provider; `custom` takes it from env CUSTOM_LLM_MODEL. */
  providerModel: string;
  label: string;
  contextTokens: number;
  priceInPerMTok: number;
  priceOutPerMTok: number;
  temperatures?: ModelTemperatures;
}

export const DEFAULT_TEMPERATURES: ModelTemperatures = { precise: 0.2, balanced: 0.6, creative: 0.9 };

export const MODELS = [
  { id: 'gpt-4.1', provider: 'openai', providerModel: 'gpt-4.1', label: 'OpenAI GPT-4.1', contextTokens: 1_047_576, priceInPerMTok: 2, priceOutPerMTok: 8 },
  { id: 'gpt-4.1-mini', provider: 'openai', providerModel: 'gpt-4.1-mini', label: 'OpenAI GPT-4.1 mini', contextTokens: 1_047_576, priceInPerMTok: 0.4, priceOutPerMTok: 1.6 },
  { id: 'gpt-4o', provider: 'openai', providerModel: 'gpt-4o', label: 'OpenAI GPT-4o', contextTokens: 128_000, priceInPerMTok: 2.5, priceOutPerMTok: 10 },
  { id: 'gpt-4o-mini', provider: 'openai', providerModel: 'gpt-4o-mini', label: 'OpenAI GPT-4o mini', contextTokens: 128_000, priceInPerMTok: 0.15, priceOutPerMTok: 0.6 },
  // Gemini through Google's OpenAI-compatible endpoint. Gemini 1.5 Pro (seed 000) was retired by
  // Google; migration 20261129000200 moved its agents to 2.5 Flash.
  { id: 'gemini-2.5-flash', provider: 'gemini', providerModel: 'gemini-2.5-flash', label: 'Gemini 2.5 Flash', contextTokens: 1_048_576, priceInPerMTok: 0.3, priceOutPerMTok: 2.5 },
  { id: 'openrouter-gpt-4.1', provider: 'openrouter', providerModel: 'openai/gpt-4.1', label: 'OpenAI GPT-4.1 (OpenRouter)', contextTokens: 1_047_576, priceInPerMTok: 2, priceOutPerMTok: 8 },
  { id: 'openrouter-gpt-4.1-mini', provider: 'openrouter', providerModel: 'openai/gpt-4.1-mini', label: 'OpenAI GPT-4.1 mini (OpenRouter)', contextTokens: 1_047_576, priceInPerMTok: 0.4, priceOutPerMTok: 1.6 },
  { id: 'openrouter-claude-sonnet-4', provider: 'openrouter', providerModel: 'anthropic/claude-sonnet-4', label: 'Anthropic Claude Sonnet 4 (OpenRouter)', contextTokens: 200_000, priceInPerMTok: 3, priceOutPerMTok: 15, temperatures: { precise: 0.2, balanced: 0.5, creative: 0.8 } },
  { id: 'openrouter-gemini-2.5-flash', provider: 'openrouter', providerModel: 'google/gemini-2.5-flash', label: 'Gemini 2.5 Flash (OpenRouter)', contextTokens: 1_048_576, priceInPerMTok: 0.3, priceOutPerMTok: 2.5 },
  { id: 'openrouter-deepseek-chat', provider: 'openrouter', providerModel: 'deepseek/deepseek-chat', label: 'DeepSeek V3 (OpenRouter)', contextTokens: 163_840, priceInPerMTok: 0.3, priceOutPerMTok: 0.85 },
  // Any OpenAI-compatible server (Ollama, vLLM, LM Studio): base URL and model from env
  // CUSTOM_LLM_BASE_URL / CUSTOM_LLM_MODEL or the workspace's own key. Self-hosted: no price.
  { id: 'custom', provider: 'custom', providerModel: '', label: 'Own OpenAI-compatible model (Ollama, vLLM)', contextTokens: 32_768, priceInPerMTok: 0, priceOutPerMTok: 0 },
] as const satisfies readonly ModelInfo[];

export type ModelId = (typeof MODELS)[number]['id'];

export const MODEL_IDS = MODELS.map((m) => m.id) as [ModelId, ...ModelId[]];

/** Seed 000: new agents use 'OpenAI GPT-4.1'. */
export const DEFAULT_MODEL_ID: ModelId = 'gpt-4.1';

export function modelById(id: string): ModelInfo | undefined {
  return (MODELS as readonly ModelInfo[]).find((m) => m.id === id);
}

/** The temperature for an agent's creativity level (agents.creativity_level). */
export function temperatureFor(modelId: string, creativity: Creativity | string | null | undefined): number {
  const t = modelById(modelId)?.temperatures ?? DEFAULT_TEMPERATURES;
  if (creativity === 'precise' || creativity === 'creative' || creativity === 'balanced') return t[creativity];
  return t.balanced;
}

/** How many tokens the model reads at most (prompt + history + passages); unknown ids get 8k. */
export function modelContextTokens(modelId: string): number {
  return modelById(modelId)?.contextTokens ?? 8_192;
}

/** Estimated cost in USD of a call from the registry's list prices. */
export function estimateCostUsd(modelId: string, promptTokens: number, completionTokens: number): number {
  const m = modelById(modelId);
  if (!m) return 0;
  const cost = (promptTokens * m.priceInPerMTok + completionTokens * m.priceOutPerMTok) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}
