// Categories as the API shows them, with their subcategory and article counts.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbCategories } from '@/lib/db/schema/kb';
import { categoryArticleCount } from './articles-in-category';

export interface CategoryView {
  id: string;
  name: string;
  description: string | null;
  parent_id: string | null;
  path: string;
  level: number;
  subcategories_count: number;
  articles_count: number;
  articles_count_recursive: number;
  created_at: string;
  updated_at: string;
}

export async function loadCategoryViews(
  tx: Tx,
  workspaceId: string,
  where?: SQL,
  orderBy: 'path' | 'name' = 'path',
): Promise<CategoryView[]> {
  // Drizzle leaves columns unqualified in a select list; the correlated subqueries name the outer row explicitly.
  const rows = await tx
    .select({
      id: kbCategories.id,
      name: kbCategories.name,
      description: kbCategories.description,
      parentId: kbCategories.parentId,
      path: kbCategories.path,
      level: kbCategories.level,
      createdAt: kbCategories.createdAt,
      updatedAt: kbCategories.updatedAt,
      subcategories: sql<number>`(select count(*)::int from public.kb_categories s where s.parent_id = kb_categories.id)`,
      articles: sql<number>`(select count(*)::int from public.kb_article_categories ac where ac.category_id = kb_categories.id)`,
      articlesRecursive: categoryArticleCount(sql`kb_categories.workspace_id`, sql`kb_categories.path`),
    })
    .from(kbCategories)
    .where(and(eq(kbCategories.workspaceId, workspaceId), where))
    .orderBy(...(orderBy === 'path' ? [asc(kbCategories.path)] : [asc(kbCategories.name), asc(kbCategories.createdAt)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    parent_id: r.parentId,
    path: r.path,
    level: r.level,
    subcategories_count: Number(r.subcategories),
    articles_count: Number(r.articles),
    articles_count_recursive: Number(r.articlesRecursive),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  }));
}

export async function loadCategoryView(tx: Tx, workspaceId: string, id: string): Promise<CategoryView> {
  const [view] = await loadCategoryViews(tx, workspaceId, eq(kbCategories.id, id));
  return view;
}
