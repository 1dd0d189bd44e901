// Knowledge-base passages for a turn: the hybrid search over the agent's categories for each
// query (the model's rewrites or the raw message), merged by article, and a relevance rule that
// decides "nothing relevant found" (the no-answer path). Runs outside any transaction (the
// semantic branch embeds the query over the network); each search is its own short read.
import type { SystemActor } from '@/lib/db/actor';
import { searchKnowledgeBase, type KnowledgeBaseHit } from '@/lib/kb/search/search-knowledge-base';
import type { AgentTurnConfig, TurnArticle } from './types';

/**
 * Relevance: a hit counts when the full-text branch scored it at least RELEVANT_FULLTEXT (its
 * score sums the IDF of the query words the chunk has, ×1.6 in the title: one distinctive word,
 * or a few common ones, reach it; words that are in every article do not) or when the semantic
 * branch found it at least RELEVANT_SIMILARITY close (above the branch's own 0.3 floor).
 */
export const RELEVANT_FULLTEXT = 0.9;
export const RELEVANT_SIMILARITY = 0.45;
export const MAX_PASSAGES = 4;
export const PASSAGE_CHARS = 1500;

export function isRelevant(hit: Pick<KnowledgeBaseHit, 'scores'>): boolean {
  return (hit.scores.fulltext ?? 0) >= RELEVANT_FULLTEXT || (hit.scores.semantic ?? 0) >= RELEVANT_SIMILARITY;
}

export interface PassageSearch {
  articles: TurnArticle[];
  /** Whether the semantic branch ran. */
  semantic: boolean;
  /** Articles the search returned but the rule judged irrelevant (for the trace and tests). */
  irrelevant: number;
}

export async function searchPassages(actor: SystemActor, knowledge: AgentTurnConfig['knowledge'], queries: string[]): Promise<PassageSearch> {
  if (!knowledge.allCategories && knowledge.categoryIds.length === 0) return { articles: [], semantic: false, irrelevant: 0 };
  const categoryIds = knowledge.allCategories ? undefined : knowledge.categoryIds;
  const best = new Map<number, { hit: KnowledgeBaseHit; rank: number }>();
  let semantic = false;
  let irrelevant = 0;
  for (const query of queries.filter((q) => q.trim()).slice(0, 4)) {
    const res = await searchKnowledgeBase(actor, { query: query.slice(0, 4000), categoryIds, limit: MAX_PASSAGES });
    semantic ||= res.semantic;
    res.results.forEach((hit, i) => {
      if (!isRelevant(hit)) {
        irrelevant++;
        return;
      }
      const prev = best.get(hit.id);
      // Across queries scores are not comparable: rank within its own query first, then score.
      if (!prev || i < prev.rank || (i === prev.rank && hit.score > prev.hit.score)) best.set(hit.id, { hit, rank: i });
    });
  }
  const articles = [...best.values()]
    .sort((a, b) => a.rank - b.rank || (b.hit.scores.fulltext ?? 0) - (a.hit.scores.fulltext ?? 0) || b.hit.score - a.hit.score)
    .slice(0, MAX_PASSAGES)
    .map(({ hit }) => ({
      id: String(hit.id),
      title: hit.title,
      score: Math.round(hit.score * 1e4) / 1e4,
      passage: hit.chunk.content.slice(0, PASSAGE_CHARS),
    }));
  return { articles, semantic, irrelevant };
}
