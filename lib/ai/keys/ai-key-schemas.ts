// What a workspace's own AI provider key looks like on the way in and out. The key itself never
// leaves: answers carry its last characters (key_hint) only.
import { z } from 'zod';
import { AI_KEY_PROVIDERS, type AiKeyProvider } from '@/lib/db/schema/runtime';

export const aiKeyProviderSchema = z.enum(AI_KEY_PROVIDERS);

export const setAiKeySchema = z.object({
  /** Optional for `custom` (Ollama needs none); required for the others (checked per provider). */
  api_key: z.string().trim().max(500).optional(),
  base_url: z.string().trim().max(500).nullish(),
  /** `custom` only: the model name to ask for (e.g. qwen2.5:7b). */
  model: z.string().trim().max(200).nullish(),
});
export type SetAiKeyInput = z.infer<typeof setAiKeySchema>;

export interface AiKeyView {
  provider: AiKeyProvider;
  key_hint: string;
  base_url: string | null;
  model: string | null;
  updated_at: string;
}

export function presentAiKey(row: { provider: AiKeyProvider; keyHint: string; baseUrl: string | null; model: string | null; updatedAt: Date | string }): AiKeyView {
  return {
    provider: row.provider,
    key_hint: row.keyHint,
    base_url: row.baseUrl,
    model: row.model,
    updated_at: new Date(row.updatedAt).toISOString(),
  };
}

/** The last four characters, enough to tell keys apart. */
export function keyHint(apiKey: string): string {
  return apiKey.length > 8 ? apiKey.slice(-4) : '';
}
