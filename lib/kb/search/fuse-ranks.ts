// Reciprocal rank fusion of the full-text and semantic article rankings: each list adds
// 1 / (k + rank) for every article it holds, so agreement between lists wins without
// comparing BM25-like scores to cosine similarities.
import type { BranchHit } from './fulltext-branch';

export const RRF_K = 60;

export type MatchedBy = 'fulltext' | 'semantic';

export interface FusedHit {
  articleId: number;
  /** The chunk that represents the article: the best full-text chunk, else the nearest one. */
  chunkId: string;
  score: number;
  matchedBy: MatchedBy[];
  scores: { fulltext?: number; semantic?: number };
}

export function fuseRanks(lists: { name: MatchedBy; hits: BranchHit[] }[], k = RRF_K): FusedHit[] {
  const byId = new Map<number, FusedHit>();
  for (const { name, hits } of lists) {
    hits.forEach((h, i) => {
      let f = byId.get(h.articleId);
      if (!f) {
        f = { articleId: h.articleId, chunkId: h.chunkId, score: 0, matchedBy: [], scores: {} };
        byId.set(h.articleId, f);
      }
      f.score += 1 / (k + i + 1);
      f.matchedBy.push(name);
      f.scores[name] = h.score;
    });
  }
  const order: MatchedBy[] = ['fulltext', 'semantic'];
  return [...byId.values()]
    .map((f) => ({ ...f, matchedBy: order.filter((n) => f.matchedBy.includes(n)) }))
    .sort((a, b) => b.score - a.score || (b.scores.fulltext ?? 0) - (a.scores.fulltext ?? 0) || (b.scores.semantic ?? 0) - (a.scores.semantic ?? 0) || a.articleId - b.articleId);
}
