// POST /api/kb/synonyms: the owner's word and what it means in the knowledge base's words.
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { kbSynonyms } from '@/lib/db/schema/runtime';
import { assertTermFree } from './find-synonym';
import { presentSynonym } from './present-synonym';
import { createSynonymSchema } from './schemas';
import { invalidateSynonyms } from './synonym-cache';

export async function createSynonym(actor: WorkspaceActor, raw: unknown) {
  const input = createSynonymSchema.parse(raw);
  assertCan(actor, 'kb.write');
  return withActor(actor, async (tx) => {
    await assertTermFree(tx, actor.workspaceId, input.term);
    const [row] = await tx
      .insert(kbSynonyms)
      .values({ workspaceId: actor.workspaceId, term: input.term, synonyms: input.synonyms, createdBy: actorUserId(actor) })
      .returning();
    await recordAudit(tx, actor, { action: 'create_kb_synonym', entityType: 'kb_synonym', entityId: row.id, newValues: input });
    await invalidateSynonyms(actor.workspaceId);
    return presentSynonym(row);
  });
}
