// The hybrid search both entry points share: embed the query once (outside the
// transaction), then inside the actor's transaction run the full-text and semantic
// branches and fuse them.
import type { Tx } from '@/lib/db/client';
import { embedText, embeddingsConfigured } from '@/lib/ai/embeddings';
import { logger } from '@/lib/log/logger';
import { analyzeQuery, type AnalyzedQuery } from './analyze-query';
import { searchCapabilities, type SearchCapabilities } from './capabilities';
import { assertNoTransaction } from '@/lib/db/actor';
import { fullTextBranch, type BranchHit } from './fulltext-branch';
import { semanticBranch } from './semantic-branch';
import { fuseRanks, type FusedHit, type MatchedBy } from './fuse-ranks';
import type { SearchScope } from './scope';

export interface RankedSearch {
  hits: FusedHit[];
  query: AnalyzedQuery;
  /** Whether the semantic branch ran (pgvector + embeddings configured + the query embedded). */
  semantic: boolean;
}

export interface RankOptions {
  /** Articles each branch contributes before fusion. */
  fulltextLimit: number;
  semanticLimit: number;
  /** Full-text hits below this share of the best full-text score are dropped (list search). */
  minRelativeScore?: number;
  /** Which branches may run (tests and the benchmark measure them apart). */
  branches?: MatchedBy[];
  lexicon?: boolean;
}

export interface SearchPreparation {
  caps: SearchCapabilities;
  embedding: number[] | null;
}

/**
 * Everything that must happen before the transaction opens: PGlite has one connection, so
 * nothing may query outside the transaction while it is open, and no transaction should
 * wait on an HTTP call. Embeds the query when the semantic branch can run.
 */
export async function prepareSearch(query: string, branches?: MatchedBy[], given?: number[]): Promise<SearchPreparation> {
  assertNoTransaction('prepareSearch (capabilities query, embeddings API)');
  const caps = await searchCapabilities();
  if (!caps.vector || (branches && !branches.includes('semantic'))) return { caps, embedding: null };
  if (given) return { caps, embedding: given };
  if (!embeddingsConfigured()) return { caps, embedding: null };
  try {
    return { caps, embedding: await embedText(query, { maxRetries: 1, timeoutMs: 15_000 }) };
  } catch (err) {
    // Full-text still answers; a flaky embeddings API must not take search down.
    logger.warn({ err: (err as Error).message }, 'query embedding failed; searching full-text only');
    return { caps, embedding: null };
  }
}

export async function rankArticles(
  tx: Tx,
  scope: SearchScope,
  text: string,
  { caps, embedding }: SearchPreparation,
  opts: RankOptions,
): Promise<RankedSearch> {
  const useFullText = !opts.branches || opts.branches.includes('fulltext');
  const query = await analyzeQuery(tx, scope.workspaceId, text, { trigram: caps.trigram, lexicon: opts.lexicon });
  let fulltext: BranchHit[] = [];
  if (useFullText && query.any) {
    fulltext = await fullTextBranch(tx, scope, query, { limit: opts.fulltextLimit });
    if (opts.minRelativeScore && fulltext.length) {
      const floor = fulltext[0].score * opts.minRelativeScore;
      fulltext = fulltext.filter((h) => h.score >= floor);
    }
  }
  const semantic = Boolean(embedding && caps.vector && (!opts.branches || opts.branches.includes('semantic')));
  const nearest = semantic ? await semanticBranch(tx, scope, embedding!, { limit: opts.semanticLimit }) : [];
  const hits = fuseRanks([
    { name: 'fulltext', hits: fulltext },
    { name: 'semantic', hits: nearest },
  ]);
  return { hits, query, semantic };
}
