// Semantic branch: nearest chunks by cosine distance on the HNSW index
// (app.kb_nearest_chunks). pgvector's iterative index scan keeps scanning while the
// workspace/active/category filters drop rows, so a small workspace in a big shared index
// still gets its full top-k.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows } from '@/lib/db/actor';
import { toVectorLiteral } from '@/lib/ai/embeddings';
import { categoryIdsArg, type SearchScope } from './scope';
import type { BranchHit } from './fulltext-branch';

/**
 * Index tuples one query may visit before giving up (pgvector's default, stated here on
 * purpose): enough for a workspace holding 0.2% of all chunks to fill a top-40 list.
 */
export const HNSW_MAX_SCAN_TUPLES = 20_000;

/**
 * Cosine similarity below which a neighbour does not count as a match. With OpenAI's
 * text-embedding-3 models unrelated texts mostly score under ~0.25; nearest neighbours
 * always exist, and without a floor the semantic list would vote for noise in the fusion
 * (measured on the retrieval fixture with the fake embeddings: a 0.2 floor cost 10 points
 * of hit@3, 0.3 none). It also lets "nothing relevant" come back empty.
 */
export const MIN_SIMILARITY = 0.3;

export async function semanticBranch(
  tx: Tx,
  scope: SearchScope,
  embedding: number[],
  opts: { limit: number; minSimilarity?: number },
): Promise<BranchHit[]> {
  const chunks = Math.min(Math.max(opts.limit * 3, 40), 1000);
  const vec = toVectorLiteral(embedding);
  // relaxed_order may return neighbours slightly out of order: re-sort here.
  const rows = await queryRows<{ article_id: number; chunk_id: string; distance: number }>(
    tx,
    sql`select article_id, chunk_id::text as chunk_id, distance
        from app.kb_nearest_chunks(${scope.workspaceId}::uuid, ${vec}::vector, ${scope.isActive ?? null}::boolean,
                                   ${categoryIdsArg(scope)}, ${chunks}::int, ${HNSW_MAX_SCAN_TUPLES}::int)
        order by distance`,
  );
  const min = opts.minSimilarity ?? MIN_SIMILARITY;
  const best = new Map<number, BranchHit>();
  for (const r of rows) {
    const similarity = 1 - Number(r.distance);
    if (similarity < min) continue;
    const id = Number(r.article_id);
    if (!best.has(id)) best.set(id, { articleId: id, chunkId: r.chunk_id, score: similarity });
  }
  return [...best.values()].slice(0, opts.limit);
}
