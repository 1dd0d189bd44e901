// The workspace's own AI provider keys, without the keys (admins and owners).
import { asc, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { workspaceAiKeys } from '@/lib/db/schema/runtime';
import { presentAiKey, type AiKeyView } from './ai-key-schemas';

export async function listAiKeys(actor: WorkspaceActor): Promise<AiKeyView[]> {
  assertCan(actor, 'ai.keys');
  return withActor(actor, async (tx) => {
    const rows = await tx
      .select()
      .from(workspaceAiKeys)
      .where(eq(workspaceAiKeys.workspaceId, actor.workspaceId))
      .orderBy(asc(workspaceAiKeys.provider));
    return rows.map(presentAiKey);
  });
}
