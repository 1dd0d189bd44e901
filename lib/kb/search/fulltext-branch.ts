// Full-text branch. Each query word (a group of variants) weighs its IDF, estimated from
// the workspace vocabulary (kb_search_terms.ndoc, kept by triggers), like BM25 without
// length normalisation: a chunk gains a word's IDF when it has the word, more when its title
// has it, less when only a guessed variant matched (lexicon, Kazakh stem, typo fix), and a
// bonus when it has every word the workspace knows. ts_rank_cd (title-weighted) breaks ties
// among the best. Candidates come from the GIN index; on a big knowledge base only the
// rarer words pull candidates (common ones still score), so a chatty message full of
// frequent words does not visit half the table. One best chunk per article.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows } from '@/lib/db/actor';
import type { AnalyzedQuery, SearchGroup } from './analyze-query';
import { orQuery, type QueryItem } from './tsquery';
import { categoryIdsArg, type SearchScope } from './scope';

export interface BranchHit {
  articleId: number;
  chunkId: string;
  score: number;
}

export const RANK_WEIGHTS = {
  /** A variant that is a guess (lexicon, Kazakh stem, typo fix) counts this much of a real match. */
  weak: 0.7,
  /** Extra factor when the word is in the title (weight A). */
  title: 0.6,
  /** Extra factor for a chunk that has every query word the workspace knows. */
  allTerms: 0.25,
  /** Multiplier of ts_rank_cd (title-weighted) added to the score of the best chunks. */
  cover: 0.5,
};

/**
 * Chunks the candidate query may aim at (estimated) before it keeps only rarer words. Every
 * candidate is scored word by word, so this bounds a search's cost on a big knowledge base
 * (bench:kb: 1,500 candidates cost ~50 ms on PostgreSQL 15, 500 about a third of that).
 */
export const CANDIDATE_BUDGET = 500;
/**
 * Hard cap on candidate rows, whatever the estimates say. Reached only when every query
 * word is in thousands of chunks; the rows kept are then the index's first, not the best.
 */
export const MAX_CANDIDATES = 1000;

interface GroupStats {
  group: SearchGroup;
  /** Estimated chunks having any variant of the word. */
  df: number;
  idf: number;
}

function itemWords(item: QueryItem): string[] {
  return item.type === 'lexeme' ? [item.lexeme] : item.lexemes;
}

/** Document frequencies of each group from the vocabulary, and the workspace's chunk count. */
async function groupStats(tx: Tx, workspaceId: string, groups: SearchGroup[]): Promise<{ stats: GroupStats[]; chunks: number }> {
  const words = [...new Set(groups.flatMap((g) => [...g.strong, ...g.weak].flatMap(itemWords)))];
  const rows = await queryRows<{ item: string; ndoc: number; chunks: number }>(
    tx,
    sql`select item, ndoc, chunks from app.kb_term_frequencies(${workspaceId}::uuid,
          array(select jsonb_array_elements_text(${JSON.stringify(words)}::jsonb)))`,
  );
  const ndoc = new Map(rows.map((r) => [r.item, Number(r.ndoc)]));
  const chunks = Math.max(1, ...rows.map((r) => Number(r.chunks)));
  const itemDf = (i: QueryItem) => Math.min(...itemWords(i).map((w) => ndoc.get(w) ?? 0));
  const stats = groups.map((group) => {
    // Variants of one word overlap (stem, prefix, whole word): the largest is the estimate.
    const df = Math.min(chunks, Math.max(0, ...[...group.strong, ...group.weak].map(itemDf)));
    return { group, df, idf: Math.log(1 + (chunks - df + 0.5) / (df + 0.5)) };
  });
  return { stats, chunks };
}

/** Pairs are tried among at most this many of the rarest words (10 pairs). */
const PAIR_WORDS = 5;

/**
 * The tsquery that pulls candidates: the rarest words until their estimated chunks exceed
 * the budget. When even the rarest word is common, chunks having at least two of the query's
 * words (any pair of the rarest five), if that fits; else the rarest words together (AND)
 * until the estimated intersection fits.
 */
export function candidateQuery(stats: GroupStats[], chunks: number, budget = CANDIDATE_BUDGET): string | null {
  const known = stats.filter((s) => s.df > 0).sort((a, b) => a.df - b.df);
  if (!known.length) return null;
  const groupQuery = (s: GroupStats) => `(${orQuery([...s.group.strong, ...s.group.weak])})`;
  const chosen: GroupStats[] = [];
  let total = 0;
  for (const s of known) {
    if (chosen.length && total + s.df > budget) break;
    chosen.push(s);
    total += s.df;
  }
  if (total <= budget || chosen.length > 1) return chosen.map(groupQuery).join(' | ');
  const rare = known.slice(0, PAIR_WORDS);
  if (rare.length >= 3) {
    // Words are taken as independent: a pair's chunks ≈ df_a · df_b / chunks.
    let pairs = 0;
    const terms: string[] = [];
    for (let i = 0; i < rare.length; i++) {
      for (let j = i + 1; j < rare.length; j++) {
        pairs += (rare[i].df * rare[j].df) / chunks;
        terms.push(`(${groupQuery(rare[i])} & ${groupQuery(rare[j])})`);
      }
    }
    if (pairs <= budget) return terms.join(' | ');
  }
  const all: GroupStats[] = [];
  let estimate = chunks;
  for (const s of known) {
    all.push(s);
    estimate *= s.df / chunks;
    if (estimate <= budget) break;
  }
  return all.map(groupQuery).join(' & ');
}

function hitExpr(g: SearchGroup): SQL {
  const strong = orQuery(g.strong);
  const weak = orQuery(g.weak);
  if (strong && weak) {
    return sql`case when sv @@ ${orQuery([...g.strong, ...g.weak])}::tsquery
                    then case when sv @@ ${strong}::tsquery then 1.0 else ${RANK_WEIGHTS.weak}::float8 end
                    else 0.0 end`;
  }
  if (strong) return sql`case when sv @@ ${strong}::tsquery then 1.0 else 0.0 end`;
  return sql`case when sv @@ ${weak!}::tsquery then ${RANK_WEIGHTS.weak}::float8 else 0.0 end`;
}

/** The tsquery that pulls a query's candidates from the index (exposed for EXPLAIN in the benchmark). */
export async function fullTextCandidateQuery(tx: Tx, workspaceId: string, query: AnalyzedQuery): Promise<string | null> {
  if (!query.groups.length) return null;
  const { stats, chunks } = await groupStats(tx, workspaceId, query.groups);
  return candidateQuery(stats, chunks);
}

export async function fullTextBranch(tx: Tx, scope: SearchScope, query: AnalyzedQuery, opts: { limit: number }): Promise<BranchHit[]> {
  if (!query.any || !query.groups.length) return [];
  const { stats, chunks } = await groupStats(tx, scope.workspaceId, query.groups);
  const pull = candidateQuery(stats, chunks);
  if (!pull) return [];
  const scored = stats.filter((s) => s.df > 0);
  const col = (prefix: string, i: number) => sql.raw(`${prefix}${i}`);
  const hitCols = sql.join(scored.map((s, i) => sql`${hitExpr(s.group)} as ${col('h', i)}`), sql`, `);
  const matched = sql.join(
    scored.map((s, i) => {
      const title = orQuery([...s.group.strong, ...s.group.weak], true)!;
      return sql`case when ${col('h', i)} > 0
                   then ${s.idf}::float8 * ${col('h', i)} * (1 + ${RANK_WEIGHTS.title}::float8 * (sv @@ ${title}::tsquery)::int)
                   else 0 end`;
    }),
    sql` + `,
  );
  const allMatched = sql.join(scored.map((_, i) => sql`${col('h', i)} > 0`), sql` and `);
  const stageTwo = Math.max(opts.limit * 5, 100);
  const rows = await queryRows<{ article_id: number; chunk_id: string; score: number }>(
    tx,
    sql`with cand as materialized (
          select chunk_id as id, article_id, search_vector as sv
          from app.kb_fulltext_candidates(${scope.workspaceId}::uuid, ${pull}::tsquery, ${scope.isActive ?? null}::boolean,
                                          ${categoryIdsArg(scope)}, ${MAX_CANDIDATES}::int)
        ),
        hits as (select id, article_id, sv, ${hitCols} from cand),
        scored as (
          select id, article_id, sv,
                 (${matched}) * (case when ${allMatched} then ${1 + RANK_WEIGHTS.allTerms}::float8 else 1.0 end) as base
          from hits
        ),
        best as (select * from scored where base > 0 order by base desc, id limit ${stageTwo})
        select article_id, chunk_id, score from (
          select distinct on (article_id) article_id, id::text as chunk_id,
                 base + ${RANK_WEIGHTS.cover}::float8 * ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', sv, ${query.any}::tsquery, 1) as score
          from best
          order by article_id, score desc
        ) per_article
        order by score desc, article_id
        limit ${opts.limit}`,
  );
  return rows.map((r) => ({ articleId: Number(r.article_id), chunkId: r.chunk_id, score: Number(r.score) }));
}
