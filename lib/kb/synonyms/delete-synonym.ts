// DELETE /api/kb/synonyms/:id
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { kbSynonyms } from '@/lib/db/schema/runtime';
import { requireSynonym } from './find-synonym';
import { invalidateSynonyms } from './synonym-cache';

export async function deleteSynonym(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'kb.write');
  await withActor(actor, async (tx) => {
    const before = await requireSynonym(tx, actor.workspaceId, id);
    await tx.delete(kbSynonyms).where(and(eq(kbSynonyms.workspaceId, actor.workspaceId), eq(kbSynonyms.id, id)));
    await recordAudit(tx, actor, {
      action: 'delete_kb_synonym',
      entityType: 'kb_synonym',
      entityId: id,
      oldValues: { term: before.term, synonyms: before.synonyms },
    });
    await invalidateSynonyms(actor.workspaceId);
  });
}
