// The knowledge-base API's JSON shapes, taken from the functions that produce them (type-only imports).
import type { CategoryView } from '@/lib/kb/categories/load-category-views';
import type { ArticleListItem } from '@/lib/kb/articles/load-article-list-items';
import type { ArticleDetail } from '@/lib/kb/articles/load-article-detail';
import type { DeleteCategoryResult } from '@/lib/kb/categories/delete-category';
import type { Pagination } from '@/components/agents/api-client';

export type Category = CategoryView;
export type { ArticleListItem, ArticleDetail, DeleteCategoryResult };
export type ArticleFile = ArticleDetail['files'][number];

/** Which index found a search hit. */
export type MatchKind = 'fulltext' | 'semantic' | 'both';

/** A search result: the list item plus why it matched. */
export type SearchHit = ArticleListItem & {
  snippet?: string | null;
  matched_by?: MatchKind | MatchKind[] | string | string[] | null;
  score?: number | null;
};

export interface ArticleListResponse {
  articles: SearchHit[];
  pagination: Pagination;
}

export const kbKeys = {
  all: ['kb'] as const,
  categories: () => ['kb', 'categories'] as const,
  articleLists: () => ['kb', 'articles'] as const,
  articles: (params: Record<string, unknown>) => ['kb', 'articles', params] as const,
  article: (id: number) => ['kb', 'article', id] as const,
};

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

/** The flat, path-ordered list as a forest. */
export function buildTree(categories: Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(categories.map((c) => [c.id, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const c of categories) {
    const node = nodes.get(c.id)!;
    const parent = c.parent_id ? nodes.get(c.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Depth-first order with depth, for indented pickers. */
export function flattenTree(roots: CategoryNode[], depth = 0): { node: CategoryNode; depth: number }[] {
  return roots.flatMap((node) => [{ node, depth }, ...flattenTree(node.children, depth + 1)]);
}

/**
 * The number shown beside a category everywhere (tree, article list header, an agent's
 * knowledge tab): its articles including its subcategories', as the agent searches them.
 */
export const articleCount = (c: Category): number => c.articles_count_recursive;
