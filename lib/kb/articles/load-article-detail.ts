// One article as GET /api/kb/articles/:id shows it: categories, related articles and files.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticleCategories, kbArticleFiles, kbArticleRelations, kbArticles, kbCategories } from '@/lib/db/schema/kb';
import { presentFile } from '@/lib/kb/files/present-file';
import { findArticle } from './find-article';

export async function loadArticleDetail(tx: Tx, workspaceId: string, id: number) {
  const article = await findArticle(tx, workspaceId, id);
  const [categories, related, files] = [
    await tx
      .select({ id: kbCategories.id, name: kbCategories.name })
      .from(kbArticleCategories)
      .innerJoin(kbCategories, eq(kbCategories.id, kbArticleCategories.categoryId))
      .where(and(eq(kbArticleCategories.articleId, id), eq(kbArticleCategories.workspaceId, workspaceId)))
      .orderBy(asc(kbCategories.name)),
    await tx
      .select({ id: kbArticles.id, title: kbArticles.title })
      .from(kbArticleRelations)
      .innerJoin(kbArticles, eq(kbArticles.id, kbArticleRelations.relatedArticleId))
      .where(and(eq(kbArticleRelations.articleId, id), eq(kbArticleRelations.workspaceId, workspaceId)))
      .orderBy(asc(kbArticles.title), asc(kbArticles.id)),
    await tx
      .select({
        id: kbArticleFiles.id,
        articleId: kbArticleFiles.articleId,
        fileName: kbArticleFiles.fileName,
        fileType: kbArticleFiles.fileType,
        fileSize: kbArticleFiles.fileSize,
        createdAt: kbArticleFiles.createdAt,
        hasText: sql<boolean>`${kbArticleFiles.extractedText} is not null`,
        extractionStatus: kbArticleFiles.extractionStatus,
        extractionError: kbArticleFiles.extractionError,
      })
      .from(kbArticleFiles)
      .where(and(eq(kbArticleFiles.articleId, id), eq(kbArticleFiles.workspaceId, workspaceId)))
      .orderBy(asc(kbArticleFiles.createdAt), asc(kbArticleFiles.id)),
  ];
  return {
    id: article.id,
    title: article.title,
    content: article.content,
    is_active: article.isActive,
    usage_count: article.usageCount,
    last_used_at: article.lastUsedAt?.toISOString() ?? null,
    categories,
    related_articles: related,
    files: files.map(presentFile),
    created_at: article.createdAt.toISOString(),
    updated_at: article.updatedAt.toISOString(),
  };
}

export type ArticleDetail = Awaited<ReturnType<typeof loadArticleDetail>>;
