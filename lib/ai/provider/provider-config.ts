// Where a model's provider is reached and with which key: the workspace's own key
// (workspace_ai_keys, sealed with lib/crypto/secrets.ts) wins over the environment.
// Keys are read as the agent-runtime system actor, briefly cached per workspace.
import { eq } from 'drizzle-orm';
import { getEnv, type Env } from '@/lib/env';
import { systemActor, withActor } from '@/lib/db/actor';
import { workspaceAiKeys } from '@/lib/db/schema/runtime';
import { decryptSecret } from '@/lib/crypto/secrets';
import { logger } from '@/lib/log/logger';
import { CHAT_PROVIDERS, modelById, type ModelProvider } from '@/lib/ai/models';

export const DEFAULT_BASE_URLS: Record<Exclude<ModelProvider, 'custom'>, string> = {
  openai: 'https://api.openai.com/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta/openai/',
};

export interface ProviderConfig {
  provider: ModelProvider;
  apiKey: string;
  baseURL: string;
  /** `custom` only: the model to ask for (env CUSTOM_LLM_MODEL or the workspace key's model). */
  model?: string;
  source: 'env' | 'workspace';
  /** Last characters of a workspace key, for display. */
  keyHint?: string;
}

export const aiKeyContext = (workspaceId: string, provider: string) => `ai-key:${workspaceId}:${provider}`;

interface WorkspaceKey {
  apiKey: string;
  baseUrl: string | null;
  model: string | null;
  keyHint: string;
}

const CACHE_MS = 30_000;
const cache = new Map<string, { expires: number; keys: Map<ModelProvider, WorkspaceKey> }>();

/** Drops the cached keys of a workspace (after a key is set or deleted). */
export function forgetWorkspaceAiKeys(workspaceId?: string): void {
  if (workspaceId) cache.delete(workspaceId);
  else cache.clear();
}

async function workspaceKeys(workspaceId: string): Promise<Map<ModelProvider, WorkspaceKey>> {
  const hit = cache.get(workspaceId);
  if (hit && hit.expires > Date.now()) return hit.keys;
  const rows = await withActor(systemActor('agent-runtime', workspaceId), (tx) =>
    tx.select().from(workspaceAiKeys).where(eq(workspaceAiKeys.workspaceId, workspaceId)),
  );
  const keys = new Map<ModelProvider, WorkspaceKey>();
  for (const row of rows) {
    try {
      const apiKey = decryptSecret(row.apiKeySealed, aiKeyContext(workspaceId, row.provider));
      keys.set(row.provider, { apiKey, baseUrl: row.baseUrl, model: row.model, keyHint: row.keyHint });
    } catch {
      // A key sealed with a key no longer configured: treat as absent, say so without the value.
      logger.warn({ provider: row.provider, workspace_id: workspaceId }, 'workspace AI key cannot be decrypted');
    }
  }
  cache.set(workspaceId, { expires: Date.now() + CACHE_MS, keys });
  return keys;
}

function envConfig(provider: ModelProvider, env: Env): ProviderConfig | null {
  switch (provider) {
    case 'openai':
      return env.OPENAI_API_KEY
        ? { provider, apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL ?? DEFAULT_BASE_URLS.openai, source: 'env' }
        : null;
    case 'openrouter':
      return env.OPENROUTER_API_KEY
        ? { provider, apiKey: env.OPENROUTER_API_KEY, baseURL: env.OPENROUTER_BASE_URL ?? DEFAULT_BASE_URLS.openrouter, source: 'env' }
        : null;
    case 'gemini':
      return env.GEMINI_API_KEY ? { provider, apiKey: env.GEMINI_API_KEY, baseURL: env.GEMINI_BASE_URL ?? DEFAULT_BASE_URLS.gemini, source: 'env' } : null;
    case 'custom':
      return env.CUSTOM_LLM_BASE_URL && env.CUSTOM_LLM_MODEL
        ? {
            provider,
            // The SDK wants some key; Ollama ignores it.
            apiKey: env.CUSTOM_LLM_API_KEY ?? 'none',
            baseURL: env.CUSTOM_LLM_BASE_URL,
            model: env.CUSTOM_LLM_MODEL,
            source: 'env',
          }
        : null;
  }
}

function fromWorkspaceKey(provider: ModelProvider, key: WorkspaceKey, env: Env): ProviderConfig | null {
  if (provider === 'custom') {
    const baseURL = key.baseUrl ?? env.CUSTOM_LLM_BASE_URL;
    const model = key.model ?? env.CUSTOM_LLM_MODEL;
    if (!baseURL || !model) return null;
    return { provider, apiKey: key.apiKey || 'none', baseURL, model, source: 'workspace', keyHint: key.keyHint };
  }
  const envBase = provider === 'openai' ? env.OPENAI_BASE_URL : provider === 'openrouter' ? env.OPENROUTER_BASE_URL : env.GEMINI_BASE_URL;
  return {
    provider,
    apiKey: key.apiKey,
    baseURL: key.baseUrl ?? envBase ?? DEFAULT_BASE_URLS[provider],
    source: 'workspace',
    keyHint: key.keyHint,
  };
}

/** The provider's config for a workspace (its own key first), or null when none is set. */
export async function resolveProviderConfig(provider: ModelProvider, workspaceId?: string): Promise<ProviderConfig | null> {
  const env = getEnv();
  if (workspaceId) {
    const key = (await workspaceKeys(workspaceId)).get(provider);
    const config = key ? fromWorkspaceKey(provider, key, env) : null;
    if (config) return config;
  }
  return envConfig(provider, env);
}

/** Every chat provider with where its config comes from (for the status endpoint and settings). */
export async function providerConfigs(workspaceId?: string): Promise<Array<{ provider: ModelProvider; config: ProviderConfig | null }>> {
  const out: Array<{ provider: ModelProvider; config: ProviderConfig | null }> = [];
  for (const provider of CHAT_PROVIDERS) out.push({ provider, config: await resolveProviderConfig(provider, workspaceId) });
  return out;
}

/** True when the model is in the registry and its provider has a key (workspace or env). */
export async function providerConfigured(modelId: string, workspaceId?: string): Promise<boolean> {
  const model = modelById(modelId);
  if (!model) return false;
  return (await resolveProviderConfig(model.provider, workspaceId)) !== null;
}

/** True when any chat provider is configured: otherwise agents answer knowledge-base-only. */
export async function anyChatProviderConfigured(workspaceId?: string): Promise<boolean> {
  return (await providerConfigs(workspaceId)).some((p) => p.config !== null);
}
