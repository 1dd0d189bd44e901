// "The articles of a category" means the ones filed in it or in any of its subcategories,
// as the agent's knowledge scope and search read it. The tree's counts and the article
// list's category filter both use this one predicate, so their numbers agree.
import { sql, type SQL } from 'drizzle-orm';

/**
 * True when the article `articleId` is filed somewhere under the category whose path is
 * `categoryPath` (both SQL expressions) in workspace `workspaceId`.
 */
export function articleInCategorySubtree(articleId: SQL, workspaceId: SQL, categoryPath: SQL): SQL {
  return sql`exists (
    select 1 from public.kb_article_categories ac join public.kb_categories d on d.id = ac.category_id
    where ac.article_id = ${articleId} and d.workspace_id = ${workspaceId} and d.path like ${categoryPath} || '%')`;
}

/** The number of articles of a category (with its subcategories), for a correlated subquery. */
export function categoryArticleCount(workspaceId: SQL, categoryPath: SQL): SQL<number> {
  return sql<number>`(select count(*)::int from public.kb_articles a
    where a.workspace_id = ${workspaceId} and ${articleInCategorySubtree(sql`a.id`, workspaceId, categoryPath)})`;
}
