// GET /api/kb/synonyms: the workspace's own synonyms, alphabetically by term.
import { asc, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { kbSynonyms } from '@/lib/db/schema/runtime';
import { presentSynonym } from './present-synonym';

export async function listSynonyms(actor: WorkspaceActor) {
  assertCan(actor, 'kb.read');
  return withActor(actor, async (tx) => {
    const rows = await tx
      .select()
      .from(kbSynonyms)
      .where(eq(kbSynonyms.workspaceId, actor.workspaceId))
      .orderBy(asc(sql`lower(${kbSynonyms.term})`), asc(kbSynonyms.createdAt));
    return { data: rows.map(presentSynonym) };
  });
}
