// Articles as the list shows them (GET /api/kb/articles), in the order of the ids given.
// Search results reuse it so both lists have one shape.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticles } from '@/lib/db/schema/kb';

export interface ArticleListItem {
  id: number;
  title: string;
  is_active: boolean;
  categories: string[];
  category_ids: string[];
  related_articles_count: number;
  files_count: number;
  usage_count: number;
  created_at: string;
  updated_at: string;
}

export async function loadArticleListItems(tx: Tx, workspaceId: string, ids: number[]): Promise<ArticleListItem[]> {
  if (!ids.length) return [];
  // Drizzle leaves columns unqualified in a select list; the correlated subqueries name the outer row explicitly.
  const rows = await tx
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      isActive: kbArticles.isActive,
      usageCount: kbArticles.usageCount,
      createdAt: kbArticles.createdAt,
      updatedAt: kbArticles.updatedAt,
      categories: sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name, c.id)
        from public.kb_article_categories ac join public.kb_categories c on c.id = ac.category_id
        where ac.article_id = kb_articles.id), '[]'::json)`,
      related: sql<number>`(select count(*)::int from public.kb_article_relations r where r.article_id = kb_articles.id)`,
      files: sql<number>`(select count(*)::int from public.kb_article_files f where f.article_id = kb_articles.id)`,
    })
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, workspaceId), inArray(kbArticles.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const cats = typeof r.categories === 'string' ? (JSON.parse(r.categories) as { id: string; name: string }[]) : r.categories;
    return [
      {
        id: r.id,
        title: r.title,
        is_active: r.isActive,
        categories: cats.map((c) => c.name),
        category_ids: cats.map((c) => c.id),
        related_articles_count: Number(r.related),
        files_count: Number(r.files),
        usage_count: r.usageCount,
        created_at: r.createdAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
      },
    ];
  });
}
