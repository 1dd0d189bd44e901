// Removes a workspace's own key for one provider; the environment's key (if any) applies again.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { workspaceAiKeys } from '@/lib/db/schema/runtime';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import { forgetWorkspaceAiKeys } from '@/lib/ai/provider/provider-config';
import { aiKeyProviderSchema } from './ai-key-schemas';

export async function deleteAiKey(actor: WorkspaceActor, rawProvider: string): Promise<void> {
  assertCan(actor, 'ai.keys');
  const parsed = aiKeyProviderSchema.safeParse(rawProvider);
  if (!parsed.success) throw notFound('AI key');
  const provider = parsed.data;
  await withActor(actor, async (tx) => {
    const [row] = await tx
      .delete(workspaceAiKeys)
      .where(and(eq(workspaceAiKeys.workspaceId, actor.workspaceId), eq(workspaceAiKeys.provider, provider)))
      .returning();
    if (!row) throw notFound('AI key');
    await recordAudit(tx, actor, {
      action: 'delete_ai_key',
      entityType: 'workspace_ai_key',
      entityId: row.id,
      oldValues: { provider, key_hint: row.keyHint, base_url: row.baseUrl, model: row.model },
    });
  });
  forgetWorkspaceAiKeys(actor.workspaceId);
}
