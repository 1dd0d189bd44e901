// Knowledge-base passages for a suggestion and how sure retrieval is about them: the same search
// and relevance rule as the agent's turn (lib/runtime/search-passages.ts), keeping the branch
// scores the turn drops, because a suggestion shows its confidence to the operator.
import type { SystemActor } from '@/lib/db/actor';
import { searchKnowledgeBase, type KnowledgeBaseHit } from '@/lib/kb/search/search-knowledge-base';
import { isRelevant, MAX_PASSAGES, PASSAGE_CHARS, RELEVANT_FULLTEXT, RELEVANT_SIMILARITY } from '@/lib/runtime/search-passages';
import type { AgentTurnConfig, TurnArticle } from '@/lib/runtime/types';

export interface Grounding {
  articles: TurnArticle[];
  /** 0 when nothing relevant was found; else 0.5..0.95 from the best hit's branch scores. */
  confidence: number;
}

/** Full-text scores sum the IDF of matched words: three times the relevance bar is "sure". */
export function retrievalConfidence(scores: KnowledgeBaseHit['scores']): number {
  const ft = Math.min(1, (scores.fulltext ?? 0) / (3 * RELEVANT_FULLTEXT));
  const sem = scores.semantic ?? 0;
  const semantic = sem >= RELEVANT_SIMILARITY ? Math.min(1, (sem - RELEVANT_SIMILARITY) / (1 - RELEVANT_SIMILARITY)) : 0;
  return Math.round((0.5 + 0.45 * Math.max(ft, semantic)) * 100) / 100;
}

export async function searchGrounding(actor: SystemActor, knowledge: AgentTurnConfig['knowledge'], query: string): Promise<Grounding> {
  if (!knowledge.allCategories && knowledge.categoryIds.length === 0) return { articles: [], confidence: 0 };
  const text = query.trim().slice(0, 4000);
  if (!text) return { articles: [], confidence: 0 };
  const res = await searchKnowledgeBase(actor, {
    query: text,
    categoryIds: knowledge.allCategories ? undefined : knowledge.categoryIds,
    limit: MAX_PASSAGES,
  });
  const relevant = res.results.filter(isRelevant);
  return {
    articles: relevant.map((hit) => ({
      id: String(hit.id),
      title: hit.title,
      score: Math.round(hit.score * 1e4) / 1e4,
      passage: hit.chunk.content.slice(0, PASSAGE_CHARS),
    })),
    confidence: relevant[0] ? retrievalConfidence(relevant[0].scores) : 0,
  };
}
