// Loads one article of the caller's workspace, or 404 (other workspaces' ids look absent).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticles } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';

export type ArticleRow = typeof kbArticles.$inferSelect;

export async function findArticle(tx: Tx, workspaceId: string, id: number, opts: { forUpdate?: boolean } = {}): Promise<ArticleRow> {
  const q = tx.select().from(kbArticles).where(and(eq(kbArticles.id, id), eq(kbArticles.workspaceId, workspaceId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Article');
  return row;
}
