// PATCH /api/kb/synonyms/:id
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { kbSynonyms } from '@/lib/db/schema/runtime';
import { assertTermFree, requireSynonym } from './find-synonym';
import { presentSynonym } from './present-synonym';
import { updateSynonymSchema } from './schemas';
import { invalidateSynonyms } from './synonym-cache';

export async function updateSynonym(actor: WorkspaceActor, id: string, raw: unknown) {
  const input = updateSynonymSchema.parse(raw);
  assertCan(actor, 'kb.write');
  return withActor(actor, async (tx) => {
    const before = await requireSynonym(tx, actor.workspaceId, id);
    if (input.term !== undefined) await assertTermFree(tx, actor.workspaceId, input.term, id);
    const [row] = await tx
      .update(kbSynonyms)
      .set({ term: input.term ?? before.term, synonyms: input.synonyms ?? before.synonyms, updatedAt: sql`now()` })
      .where(and(eq(kbSynonyms.workspaceId, actor.workspaceId), eq(kbSynonyms.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_kb_synonym',
      entityType: 'kb_synonym',
      entityId: id,
      oldValues: { term: before.term, synonyms: before.synonyms },
      newValues: { term: row.term, synonyms: row.synonyms },
    });
    await invalidateSynonyms(actor.workspaceId);
    return presentSynonym(row);
  });
}
