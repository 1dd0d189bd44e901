// PATCH /api/kb/articles/:id: any subset of fields; categories and related articles replace the set.
import { and, asc, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { kbArticleCategories, kbArticleRelations, kbArticles } from '@/lib/db/schema/kb';
import { diffValues, recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import type { WorkspaceActor } from '@/lib/db/actor';
import { updateArticleSchema } from './schemas';
import { findArticle } from './find-article';
import { assertArticlesExist, assertCategoriesExist, assertNotSelfRelated } from './check-article-links';
import { setArticleCategories, setArticleRelations } from './set-article-links';
import { markArticleSaved } from './mark-article-saved';
import { loadArticleDetail } from './load-article-detail';

async function currentLinks(tx: Tx, workspaceId: string, id: number) {
  const categories = await tx
    .select({ id: kbArticleCategories.categoryId })
    .from(kbArticleCategories)
    .where(and(eq(kbArticleCategories.workspaceId, workspaceId), eq(kbArticleCategories.articleId, id)))
    .orderBy(asc(kbArticleCategories.categoryId));
  const related = await tx
    .select({ id: kbArticleRelations.relatedArticleId })
    .from(kbArticleRelations)
    .where(and(eq(kbArticleRelations.workspaceId, workspaceId), eq(kbArticleRelations.articleId, id)))
    .orderBy(asc(kbArticleRelations.relatedArticleId));
  return { categories: categories.map((r) => r.id), related_articles: related.map((r) => r.id) };
}

export async function updateArticle(actor: WorkspaceActor, id: number, raw: unknown) {
  const input = updateArticleSchema.parse(raw);
  if (input.related_articles) assertNotSelfRelated(id, input.related_articles);
  const ws = actor.workspaceId;
  let searchable = false;
  const article = await withActor(actor, async (tx) => {
    const before = await findArticle(tx, ws, id, { forUpdate: true });
    if (input.categories) await assertCategoriesExist(tx, ws, input.categories);
    if (input.related_articles) await assertArticlesExist(tx, ws, input.related_articles);
    const links = await currentLinks(tx, ws, id);
    const { oldValues, newValues, changed } = diffValues(
      { title: before.title, content: before.content, is_active: before.isActive, ...links },
      {
        ...input,
        categories: input.categories && [...input.categories].sort(),
        related_articles: input.related_articles && [...input.related_articles].sort((a, b) => a - b),
      },
    );
    if (!changed) return loadArticleDetail(tx, ws, id);

    await tx
      .update(kbArticles)
      .set({ title: input.title, content: input.content, isActive: input.is_active, updatedAt: sql`now()` })
      .where(eq(kbArticles.id, id));
    if ('categories' in newValues) await setArticleCategories(tx, ws, id, input.categories!);
    if ('related_articles' in newValues) await setArticleRelations(tx, ws, id, input.related_articles!);
    // Whole article texts do not belong in the audit log: their lengths do.
    if ('content' in newValues) {
      delete oldValues.content;
      delete newValues.content;
      oldValues.content_length = before.content.length;
      newValues.content_length = input.content!.length;
    }
    await recordAudit(tx, actor, { action: 'update_kb_article', entityType: 'kb_article', entityId: id, oldValues, newValues });
    searchable = ['title', 'content_length', 'is_active'].some((k) => k in newValues);
    if (searchable) await markArticleSaved(tx, ws, id, { chunks: 'title' in newValues || 'content_length' in newValues });
    return loadArticleDetail(tx, ws, id);
  });
  if (searchable) relaySoon();
  return article;
}
