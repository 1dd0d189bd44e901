// DELETE /api/kb/categories/:id?articles=move_to_parent|detach|delete
// Deletes a category with its subcategories. What happens to the articles filed
// there is the caller's explicit choice; without one a non-empty category is a 409.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterCommit, withActor, queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { kbArticleCategories, kbArticles, kbCategories } from '@/lib/db/schema/kb';
import { AppError, unprocessable } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import type { WorkspaceActor } from '@/lib/db/actor';
import { removeStoredFiles, storedFileKeys } from '@/lib/kb/files/remove-stored-files';
import type { z } from 'zod';
import type { deleteCategoryQuery, DeleteMode } from './schemas';
import { findCategory, inSubtree } from './find-category';
import { lockCategoryTree } from './lock-category-tree';

interface ArticleRef {
  id: number;
  title: string;
  /** Also filed in a category outside the subtree being deleted. */
  elsewhere: boolean;
}

export interface DeleteCategoryResult {
  deleted_categories: number;
  articles: {
    mode: DeleteMode;
    moved_to_parent: number[];
    deleted: number[];
    detached: number[];
    without_category: { id: number; title: string }[];
  };
}

/** Articles filed anywhere in the subtree (a non-empty list of category ids). */
async function articlesIn(tx: Tx, workspaceId: string, subtree: string[]): Promise<ArticleRef[]> {
  const rows = await queryRows<ArticleRef>(
    tx,
    sql`select a.id, a.title,
          exists (select 1 from public.kb_article_categories o
                  where o.article_id = a.id and o.category_id not in ${subtree}) as elsewhere
        from public.kb_articles a
        where a.workspace_id = ${workspaceId}
          and exists (select 1 from public.kb_article_categories l
                      where l.article_id = a.id and l.category_id in ${subtree})
        order by a.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), title: r.title, elsewhere: Boolean(r.elsewhere) }));
}

/** Returns null when no article was affected (the route answers 204), else what happened to them. */
export async function deleteCategory(
  actor: WorkspaceActor,
  id: string,
  { articles: mode }: z.infer<typeof deleteCategoryQuery>,
): Promise<DeleteCategoryResult | null> {
  const ws = actor.workspaceId;
  let fileKeys: string[] = [];
  const result = await withActor(actor, async (tx) => {
    await lockCategoryTree(tx, ws);
    const category = await findCategory(tx, ws, id, { forUpdate: true });
    const subtree = (await tx.select({ id: kbCategories.id }).from(kbCategories).where(inSubtree(ws, category.path))).map((r) => r.id);
    const articles = await articlesIn(tx, ws, subtree);
    const only = articles.filter((a) => !a.elsewhere);
    if (!mode && (articles.length > 0 || subtree.length > 1)) {
      throw new AppError(
        409,
        'category_not_empty',
        'This category has articles or subcategories; choose what happens to its articles: articles=move_to_parent, detach or delete',
        {
          articles_count: articles.length,
          articles_only_here_count: only.length,
          subcategories_count: subtree.length - 1,
          modes: category.parentId ? ['move_to_parent', 'detach', 'delete'] : ['detach', 'delete'],
        },
      );
    }
    if (mode === 'move_to_parent' && !category.parentId) {
      throw unprocessable('A root category has no parent to move its articles to; use detach or delete', {
        fields: [{ field: 'articles', message: 'move_to_parent needs a parent category' }],
      }, 'no_parent_category');
    }

    const summary: DeleteCategoryResult['articles'] = {
      mode: mode ?? 'detach',
      moved_to_parent: [],
      deleted: [],
      detached: [],
      without_category: [],
    };
    if (mode === 'move_to_parent' && articles.length) {
      await tx
        .insert(kbArticleCategories)
        .values(articles.map((a) => ({ workspaceId: ws, articleId: a.id, categoryId: category.parentId! })))
        .onConflictDoNothing();
      summary.moved_to_parent = articles.map((a) => a.id);
    } else if (mode === 'delete' && only.length) {
      const ids = only.map((a) => a.id);
      fileKeys = await storedFileKeys(tx, ws, ids);
      await tx.delete(kbArticles).where(and(eq(kbArticles.workspaceId, ws), inArray(kbArticles.id, ids)));
      for (const a of only) {
        await recordAudit(tx, actor, {
          action: 'delete_kb_article',
          entityType: 'kb_article',
          entityId: a.id,
          oldValues: { title: a.title, reason: 'category_deleted', category_id: category.id },
        });
        await enqueueEvent(tx, ws, 'kb/article.deleted', { workspace_id: ws, article_id: a.id });
      }
      summary.deleted = ids;
      summary.detached = articles.filter((a) => a.elsewhere).map((a) => a.id);
    } else {
      summary.detached = articles.map((a) => a.id);
      summary.without_category = only.map(({ id: articleId, title }) => ({ id: articleId, title }));
    }

    // Links to the subtree go with it (on delete cascade).
    await tx.delete(kbCategories).where(inSubtree(ws, category.path));
    await recordAudit(tx, actor, {
      action: 'delete_kb_category',
      entityType: 'kb_category',
      entityId: category.id,
      oldValues: {
        name: category.name,
        parent_id: category.parentId,
        subcategories: subtree.length - 1,
        articles_mode: mode ?? null,
        articles: articles.map((a) => a.id),
      },
    });
    return articles.length ? { deleted_categories: subtree.length, articles: summary } : null;
  });
  if (result?.articles.deleted.length) {
    relaySoon();
    await afterCommit(() => removeStoredFiles(fileKeys));
  }
  return result;
}
