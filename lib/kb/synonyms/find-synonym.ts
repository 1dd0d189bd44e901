// Lookups shared by create/update/delete-synonym.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { conflict, notFound } from '@/lib/api/errors';
import { kbSynonyms } from '@/lib/db/schema/runtime';

export async function requireSynonym(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select().from(kbSynonyms).where(and(eq(kbSynonyms.workspaceId, workspaceId), eq(kbSynonyms.id, id)));
  if (!row) throw notFound('Synonym');
  return row;
}

/** 409 synonym_exists when another entry of the workspace has the same term (any case). */
export async function assertTermFree(tx: Tx, workspaceId: string, term: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: kbSynonyms.id })
    .from(kbSynonyms)
    .where(
      and(
        eq(kbSynonyms.workspaceId, workspaceId),
        sql`lower(${kbSynonyms.term}) = lower(${term})`,
        exceptId ? ne(kbSynonyms.id, exceptId) : undefined,
      ),
    );
  if (row) throw conflict(`Synonyms for "${term}" already exist`, 'synonym_exists');
}
