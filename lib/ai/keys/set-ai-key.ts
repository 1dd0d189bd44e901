// Sets (or replaces) a workspace's own key for one AI provider: sealed with lib/crypto
// (context ai-key:<workspace>:<provider>), audited without the key.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { workspaceAiKeys } from '@/lib/db/schema/runtime';
import { encryptSecret } from '@/lib/crypto/secrets';
import { recordAudit } from '@/lib/audit/record-audit';
import { invalidField } from '@/lib/agents/schemas';
import { aiKeyContext, forgetWorkspaceAiKeys } from '@/lib/ai/provider/provider-config';
import { aiKeyProviderSchema, keyHint, presentAiKey, setAiKeySchema, type AiKeyView } from './ai-key-schemas';
import { checkBaseUrl } from './check-base-url';

export async function setAiKey(actor: WorkspaceActor, rawProvider: string, raw: unknown): Promise<AiKeyView> {
  assertCan(actor, 'ai.keys');
  const parsedProvider = aiKeyProviderSchema.safeParse(rawProvider);
  if (!parsedProvider.success) throw invalidField('provider', 'provider must be one of openai, openrouter, gemini, custom', 'invalid_value');
  const provider = parsedProvider.data;
  const input = setAiKeySchema.parse(raw);
  const apiKey = input.api_key ?? '';
  if (provider !== 'custom' && apiKey.length < 8) throw invalidField('api_key', 'api_key is required (the key from the provider’s dashboard)', 'too_small');
  const baseUrl = input.base_url ? checkBaseUrl(input.base_url) : null;
  if (provider === 'custom' && !baseUrl) throw invalidField('base_url', 'base_url is required for an own OpenAI-compatible server', 'required');
  if (provider === 'custom' && !input.model) throw invalidField('model', 'model is required for an own OpenAI-compatible server', 'required');
  const model = provider === 'custom' ? input.model! : null;
  const sealed = encryptSecret(apiKey, aiKeyContext(actor.workspaceId, provider));
  const hint = keyHint(apiKey);

  const view = await withActor(actor, async (tx) => {
    const of = and(eq(workspaceAiKeys.workspaceId, actor.workspaceId), eq(workspaceAiKeys.provider, provider));
    const [before] = await tx.select().from(workspaceAiKeys).where(of);
    const [row] = before
      ? await tx
          .update(workspaceAiKeys)
          .set({ apiKeySealed: sealed, keyHint: hint, baseUrl, model, updatedAt: sql`now()` })
          .where(of)
          .returning()
      : await tx
          .insert(workspaceAiKeys)
          .values({ workspaceId: actor.workspaceId, provider, apiKeySealed: sealed, keyHint: hint, baseUrl, model, createdBy: actor.kind === 'user' ? actor.userId : null })
          .returning();
    const out = presentAiKey(row!);
    await recordAudit(tx, actor, {
      action: before ? 'update_ai_key' : 'create_ai_key',
      entityType: 'workspace_ai_key',
      entityId: row!.id,
      oldValues: before ? { provider, key_hint: before.keyHint, base_url: before.baseUrl, model: before.model } : undefined,
      newValues: { provider, key_hint: hint, base_url: baseUrl, model },
    });
    return out;
  });
  forgetWorkspaceAiKeys(actor.workspaceId);
  return view;
}
