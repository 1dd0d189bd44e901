// What the workspace's agents can use right now (AiStatus, docs/runtime-api.md): chat providers
// (workspace key or env), embeddings / semantic search, and this month's AI response quota.
// Without any chat provider agents answer from the knowledge base only.
import { eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { getDatabase } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema/core';
import { embeddingsConfig, embeddingsConfigured } from '@/lib/ai/embeddings';
import type { ModelProvider } from '@/lib/ai/models';
import { providerConfigs } from '@/lib/ai/provider/provider-config';

export interface AiStatus {
  chat: {
    configured: boolean;
    default_mode: 'model' | 'kb_only';
    providers: Array<{ provider: ModelProvider; configured: boolean; source: 'env' | 'workspace' | null }>;
  };
  embeddings: { configured: boolean; semantic_search: boolean; model: string | null };
  quota: { used: number; limit: number; exceeded: boolean };
}

export async function getAiStatus(actor: WorkspaceActor): Promise<AiStatus> {
  assertCan(actor, 'workspace.read');
  const [ws] = await withActor(actor, (tx) =>
    tx
      .select({ used: workspaces.aiResponsesUsed, limit: workspaces.aiResponsesLimit })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId)),
  );
  // Keys are read as the agent-runtime system actor after the caller's transaction.
  const providers = (await providerConfigs(actor.workspaceId)).map(({ provider, config }) => ({
    provider,
    configured: config !== null,
    source: config?.source ?? null,
  }));
  const configured = providers.some((p) => p.configured);
  const embeddings = embeddingsConfigured();
  const vector = (await getDatabase()).vectorAvailable;
  const used = ws?.used ?? 0;
  const limit = ws?.limit ?? 0;
  return {
    chat: { configured, default_mode: configured ? 'model' : 'kb_only', providers },
    embeddings: { configured: embeddings, semantic_search: embeddings && vector, model: embeddings ? embeddingsConfig()!.model : null },
    quota: { used, limit, exceeded: used >= limit },
  };
}
