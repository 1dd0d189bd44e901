// Computes embeddings for an article's chunks that have none yet (new or changed text) or
// were embedded with another model. Runs as the `kb-indexer` system actor bound to the
// article's workspace. The API is called outside any transaction, and a vector is written
// only if the chunk still has the text it was computed from (an edit may have replaced it).
import { sql } from 'drizzle-orm';
import { getDatabase } from '@/lib/db/client';
import { withActor, queryRows, type Actor } from '@/lib/db/actor';
import { embeddingsConfig, embeddingsConfigured, embedTexts, EMBEDDING_BATCH_SIZE, toVectorLiteral } from '@/lib/ai/embeddings';
import { logger } from '@/lib/log/logger';

export interface EmbedResult {
  /** Chunks that needed an embedding. */
  pending: number;
  /** Chunks written. */
  embedded: number;
  skipped?: 'no_pgvector' | 'not_configured';
}

export interface EmbedOptions {
  /** Re-embed every chunk, whatever its state (kb:reindex --force). */
  force?: boolean;
  /** Called after each batch is written. */
  onProgress?: (embedded: number) => void;
}

interface PendingChunk {
  id: string;
  title: string;
  content: string;
  content_hash: string;
}

export const indexerActor = (workspaceId: string): Actor => ({ kind: 'system', name: 'kb-indexer', workspaceId });

/** Is there anything to do at all on this installation? */
export async function embeddingIndexingEnabled(): Promise<EmbedResult['skipped'] | null> {
  if (!(await getDatabase()).vectorAvailable) return 'no_pgvector';
  if (!embeddingsConfigured()) return 'not_configured';
  return null;
}

export async function embedArticleChunks(articleId: number, workspaceId: string, opts: EmbedOptions = {}): Promise<EmbedResult> {
  const skipped = await embeddingIndexingEnabled();
  if (skipped) return { pending: 0, embedded: 0, skipped };
  const model = embeddingsConfig()!.model;
  const actor = indexerActor(workspaceId);
  const pending = await withActor(actor, (tx) =>
    queryRows<PendingChunk>(
      tx,
      sql`select id::text as id, title, content, content_hash from public.kb_chunks
          where workspace_id = ${workspaceId}::uuid and article_id = ${articleId}
            and (${opts.force ?? false} or embedding is null or embedded_at is null
                 or embedding_model is distinct from ${model})
          order by chunk_index`,
    ),
  );
  let embedded = 0;
  for (let i = 0; i < pending.length; i += EMBEDDING_BATCH_SIZE) {
    const batch = pending.slice(i, i + EMBEDDING_BATCH_SIZE);
    // The text embedded is the text the chunk's hash covers: title, newline, content.
    const vectors = await embedTexts(
      batch.map((c) => `${c.title}\n${c.content}`),
      { maxRetries: 4 },
    );
    const rows = JSON.stringify(batch.map((c, j) => ({ id: c.id, hash: c.content_hash, v: toVectorLiteral(vectors[j]) })));
    const written = await withActor(actor, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`update public.kb_chunks c
            set embedding = x.v::vector, embedding_model = ${model}, embedded_at = now()
            from jsonb_to_recordset(${rows}::jsonb) as x(id uuid, hash text, v text)
            where c.id = x.id and c.content_hash = x.hash and c.workspace_id = ${workspaceId}::uuid
            returning c.id`,
      ),
    );
    embedded += written.length;
    opts.onProgress?.(embedded);
  }
  if (pending.length) logger.info({ article_id: articleId, workspace_id: workspaceId, pending: pending.length, embedded }, 'kb chunks embedded');
  return { pending: pending.length, embedded };
}
