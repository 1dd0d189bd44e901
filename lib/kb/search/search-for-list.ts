// GET /api/kb/articles?search=…: the article list filtered by a search, best match first,
// each item in the list's own shape plus how it matched, a snippet and its score.
import { withActor } from '@/lib/db/actor';
import { offsetOf, pagination } from '@/lib/api/pagination';
import type { WorkspaceActor } from '@/lib/db/actor';
import { loadArticleListItems, type ArticleListItem } from '@/lib/kb/articles/load-article-list-items';
import { loadHitDetails } from './load-hit-details';
import { prepareSearch, rankArticles } from './run-search';
import type { MatchedBy } from './fuse-ranks';

export interface SearchListQuery {
  search: string;
  page: number;
  limit: number;
  category_id?: string;
  is_active?: boolean;
}

export interface SearchListItem extends ArticleListItem {
  matched_by: MatchedBy[];
  snippet: string;
  score: number;
}

/** Most articles one search lists; beyond that the query needs refining, not paging. */
export const MAX_LIST_RESULTS = 500;
/** The semantic branch adds only its closest articles to a list. */
const LIST_SEMANTIC_LIMIT = 30;
/** A list search shows articles scoring at least this share of the best full-text match. */
const LIST_MIN_RELATIVE_SCORE = 0.2;

export async function searchArticlesForList(actor: WorkspaceActor, query: SearchListQuery) {
  const ws = actor.workspaceId;
  const prepared = await prepareSearch(query.search);
  const scope = { workspaceId: ws, isActive: query.is_active, categoryIds: query.category_id ? [query.category_id] : undefined };
  return withActor(actor, async (tx) => {
    const ranked = await rankArticles(tx, scope, query.search, prepared, {
      fulltextLimit: MAX_LIST_RESULTS,
      semanticLimit: LIST_SEMANTIC_LIMIT,
      minRelativeScore: LIST_MIN_RELATIVE_SCORE,
    });
    const all = ranked.hits.slice(0, MAX_LIST_RESULTS);
    const page = all.slice(offsetOf(query), offsetOf(query) + query.limit);
    const items = await loadArticleListItems(tx, ws, page.map((h) => h.articleId));
    const details = await loadHitDetails(tx, ws, page, ranked.query.any, { relatedActiveOnly: false });
    const byId = new Map(items.map((i) => [i.id, i]));
    const articles: SearchListItem[] = page.flatMap((h) => {
      const item = byId.get(h.articleId);
      if (!item) return [];
      return [{ ...item, matched_by: h.matchedBy, snippet: details.get(h.articleId)?.snippet ?? '', score: h.score }];
    });
    return { articles, pagination: pagination(query, all.length) };
  });
}
