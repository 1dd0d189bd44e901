// GET /api/kb/articles: a page of articles, filtered by category (with its
// subcategories) and active flag, newest edits first; with `search`, best match first
// (the knowledge-base search ranks them, in the same item shape).
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticles } from '@/lib/db/schema/kb';
import { offsetOf, pagination } from '@/lib/api/pagination';
import type { WorkspaceActor } from '@/lib/db/actor';
import { findCategory } from '@/lib/kb/categories/find-category';
import { articleInCategorySubtree } from '@/lib/kb/categories/articles-in-category';
import { searchArticlesForList } from '@/lib/kb/search/search-for-list';
import type { ListArticlesQuery } from './schemas';
import { loadArticleListItems } from './load-article-list-items';

/** Takes the parsed query (parseQuery in the route): its boolean transform cannot be parsed twice. */
export async function listArticles(actor: WorkspaceActor, query: ListArticlesQuery) {
  const ws = actor.workspaceId;
  if (query.search) {
    // Another workspace's category is a 404 here too, not an empty result.
    if (query.category_id) await withActor(actor, (tx) => findCategory(tx, ws, query.category_id!));
    return searchArticlesForList(actor, { ...query, search: query.search });
  }
  return withActor(actor, async (tx) => {
    const filters: SQL[] = [eq(kbArticles.workspaceId, ws)];
    if (query.is_active !== undefined) filters.push(eq(kbArticles.isActive, query.is_active));
    if (query.category_id) {
      const category = await findCategory(tx, ws, query.category_id);
      filters.push(articleInCategorySubtree(sql`${kbArticles.id}`, sql`${ws}::uuid`, sql`${category.path}`));
    }
    const where = and(...filters);
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(kbArticles).where(where);
    const ids = (
      await tx
        .select({ id: kbArticles.id })
        .from(kbArticles)
        .where(where)
        .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id))
        .limit(query.limit)
        .offset(offsetOf(query))
    ).map((r) => r.id);
    return { articles: await loadArticleListItems(tx, ws, ids), pagination: pagination(query, Number(total)) };
  });
}
