// Counts that the agent runtime used articles in an answer (usage_count, last_used_at),
// inside the runtime's transaction; row-level security keeps it to the actor's workspace.
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticles } from '@/lib/db/schema/kb';

export async function recordArticleUsage(tx: Tx, articleIds: number[]): Promise<void> {
  const ids = [...new Set(articleIds)];
  if (!ids.length) return;
  await tx
    .update(kbArticles)
    .set({ usageCount: sql`${kbArticles.usageCount} + 1`, lastUsedAt: sql`now()` })
    .where(inArray(kbArticles.id, ids));
}
