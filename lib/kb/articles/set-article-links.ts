// Replaces an article's categories or related articles. Relations are stored one
// row per direction, so both articles list each other.
import { and, eq, or } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticleCategories, kbArticleRelations } from '@/lib/db/schema/kb';

export async function setArticleCategories(tx: Tx, workspaceId: string, articleId: number, categoryIds: string[]): Promise<void> {
  await tx
    .delete(kbArticleCategories)
    .where(and(eq(kbArticleCategories.workspaceId, workspaceId), eq(kbArticleCategories.articleId, articleId)));
  if (categoryIds.length) {
    await tx.insert(kbArticleCategories).values(categoryIds.map((categoryId) => ({ workspaceId, articleId, categoryId })));
  }
}

export async function setArticleRelations(tx: Tx, workspaceId: string, articleId: number, relatedIds: number[]): Promise<void> {
  await tx
    .delete(kbArticleRelations)
    .where(
      and(
        eq(kbArticleRelations.workspaceId, workspaceId),
        or(eq(kbArticleRelations.articleId, articleId), eq(kbArticleRelations.relatedArticleId, articleId)),
      ),
    );
  if (relatedIds.length) {
    await tx
      .insert(kbArticleRelations)
      .values(
        relatedIds.flatMap((other) => [
          { workspaceId, articleId, relatedArticleId: other },
          { workspaceId, articleId: other, relatedArticleId: articleId },
        ]),
      )
      .onConflictDoNothing();
  }
}
