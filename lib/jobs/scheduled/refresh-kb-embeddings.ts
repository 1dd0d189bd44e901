// Every 6 hours (seed 000 "updateKBEmbeddings"): embeds knowledge-base chunks that have no
// vector, changed text since theirs was made, or another model's vector — the articles whose
// embedding event was lost or failed. Each article is embedded by the same code as the
// kb/article.saved handler, as its workspace's kb-indexer; the model is called outside any
// transaction. Without pgvector or an embeddings provider it records why it skipped.
import { sql } from 'drizzle-orm';
import { embeddingsConfig } from '@/lib/ai/embeddings';
import { embedArticleChunks, embeddingIndexingEnabled } from '@/lib/kb/indexing/embed-article';
import { logger } from '@/lib/log/logger';
import { jobsRows, withJobsRole } from '../jobs-tx';
import type { ScheduledOutcome } from './types';

/** Articles per run: a large backlog is worked off over several runs. */
export const EMBEDDINGS_REFRESH_ARTICLES = 500;

export async function refreshKbEmbeddings(): Promise<ScheduledOutcome> {
  const skipped = await embeddingIndexingEnabled();
  if (skipped) return { status: 'skipped', result: { reason: skipped } };
  const model = embeddingsConfig()!.model;
  const backlog = await withJobsRole((tx) =>
    jobsRows<{ workspace_id: string; article_id: number | string; pending: number }>(
      tx,
      sql`select workspace_id, article_id, pending from app.kb_embedding_backlog(${model}, ${EMBEDDINGS_REFRESH_ARTICLES})`,
    ),
  );
  let embedded = 0;
  let failed = 0;
  let firstError: string | undefined;
  for (const row of backlog) {
    try {
      embedded += (await embedArticleChunks(Number(row.article_id), row.workspace_id)).embedded;
    } catch (err) {
      failed++;
      firstError ??= String((err as Error)?.message ?? err).slice(0, 500);
      logger.warn({ workspace_id: row.workspace_id, article_id: Number(row.article_id), err: firstError }, 'kb embeddings refresh: article failed');
    }
  }
  const result = { articles: backlog.length, chunks: backlog.reduce((n, r) => n + Number(r.pending), 0), embedded, failed, model };
  // Some articles failing is a partial success; all of them failing is a failed run.
  if (failed && failed === backlog.length) return { status: 'failed', result, error: firstError };
  return { status: 'ok', result, ...(firstError ? { error: firstError } : {}) };
}
