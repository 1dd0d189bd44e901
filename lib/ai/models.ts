// The models an agent can use: the only place model ids, providers and labels are listed.
// agents.model stores `id`; the runtime sends `providerModel` to `provider`.
export type ModelProvider = 'openai' | 'openrouter' | 'gemini';

export interface ModelInfo {
  id: string;
  provider: ModelProvider;
  providerModel: string;
  label: string;
}

export const MODELS = [
  { id: 'gpt-4.1', provider: 'openai', providerModel: 'gpt-4.1', label: 'OpenAI GPT-4.1' },
  { id: 'gpt-4.1-mini', provider: 'openai', providerModel: 'gpt-4.1-mini', label: 'OpenAI GPT-4.1 mini' },
  { id: 'gpt-4o', provider: 'openai', providerModel: 'gpt-4o', label: 'OpenAI GPT-4o' },
  { id: 'gpt-4o-mini', provider: 'openai', providerModel: 'gpt-4o-mini', label: 'OpenAI GPT-4o mini' },
  // Seed 000 lists it; Google has retired 1.5 Pro from its API, so the runtime may need a fallback.
  { id: 'gemini-1.5-pro', provider: 'gemini', providerModel: 'gemini-1.5-pro', label: 'Gemini 1.5 Pro' },
  { id: 'gemini-2.5-flash', provider: 'gemini', providerModel: 'gemini-2.5-flash', label: 'Gemini 2.5 Flash' },
  {
    id: 'openrouter-gpt-4.1',
    provider: 'openrouter',
    providerModel: 'openai/gpt-4.1',
    label: 'OpenAI GPT-4.1 (OpenRouter)',
  },
] as const satisfies readonly ModelInfo[];

export type ModelId = (typeof MODELS)[number]['id'];

export const MODEL_IDS = MODELS.map((m) => m.id) as [ModelId, ...ModelId[]];

/** Seed 000: new agents use 'OpenAI GPT-4.1'. */
export const DEFAULT_MODEL_ID: ModelId = 'gpt-4.1';

export function modelById(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id);
}
