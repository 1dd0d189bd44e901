// Knowledge-base search for the agent runtime (seed 000, business logic 3): the articles
// that best answer a customer message, with the matching passage, related articles and files.
import { z } from 'zod';
import { withActor, type Actor } from '@/lib/db/actor';
import { badRequest } from '@/lib/api/errors';
import { VECTOR_COLUMN_DIMENSIONS } from '@/lib/ai/embeddings';
import { loadHitDetails, type HitDetails } from './load-hit-details';
import { prepareSearch, rankArticles } from './run-search';
import type { MatchedBy } from './fuse-ranks';

export const searchKnowledgeBaseSchema = z.object({
  query: z.string().trim().min(1, 'query is required').max(4000, 'query must be at most 4000 characters'),
  categoryIds: z.array(z.uuid({ error: 'each category must be a category id (UUID)' })).max(100).optional(),
  limit: z.int().min(1).max(50).default(5),
  includeInactive: z.boolean().default(false),
  /** Restricts the branches (benchmarks and tests); both run when available by default. */
  branches: z.array(z.enum(['fulltext', 'semantic'])).min(1).optional(),
  /** Cross-language lexicon expansion; on by default. */
  lexicon: z.boolean().optional(),
  /** The query's embedding when the caller has it already (saves the API call). */
  queryEmbedding: z.array(z.number()).length(VECTOR_COLUMN_DIMENSIONS).optional(),
});
export type SearchKnowledgeBaseInput = z.input<typeof searchKnowledgeBaseSchema>;

export interface KnowledgeBaseHit extends HitDetails {
  /** Fused (reciprocal rank) score: higher is better, comparable within one search only. */
  score: number;
  matched_by: MatchedBy[];
  /** Each branch's own score: full-text relevance and cosine similarity. */
  scores: { fulltext?: number; semantic?: number };
}

export interface KnowledgeBaseSearchResult {
  results: KnowledgeBaseHit[];
  /** Whether the semantic branch ran for this query. */
  semantic: boolean;
}

export async function searchKnowledgeBase(actor: Actor, input: SearchKnowledgeBaseInput): Promise<KnowledgeBaseSearchResult> {
  const opts = searchKnowledgeBaseSchema.parse(input);
  const workspaceId = actor.workspaceId;
  if (!workspaceId) throw badRequest('A workspace is required to search its knowledge base');
  const prepared = await prepareSearch(opts.query, opts.branches, opts.queryEmbedding);
  const scope = { workspaceId, isActive: opts.includeInactive ? undefined : true, categoryIds: opts.categoryIds };
  const perBranch = Math.max(opts.limit * 4, 20);
  return withActor(actor, async (tx) => {
    const ranked = await rankArticles(tx, scope, opts.query, prepared, {
      fulltextLimit: perBranch,
      semanticLimit: perBranch,
      branches: opts.branches,
      lexicon: opts.lexicon,
    });
    const top = ranked.hits.slice(0, opts.limit);
    const details = await loadHitDetails(tx, workspaceId, top, ranked.query.any, { relatedActiveOnly: !opts.includeInactive });
    const results = top.flatMap((h) => {
      const d = details.get(h.articleId);
      return d ? [{ ...d, score: h.score, matched_by: h.matchedBy, scores: h.scores }] : [];
    });
    return { results, semantic: ranked.semantic };
  });
}
