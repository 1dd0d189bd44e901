// Background text extraction of one uploaded PDF/DOCX (event kb/file.uploaded), as the
// kb-indexer system actor of the file's workspace. The bytes are read and parsed outside
// any transaction under the caps in the environment; the outcome (text, or the reason it
// failed) is written only if the row is still pending, and the article is re-chunked.
import { and, eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticleFiles } from '@/lib/db/schema/kb';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { getStorage } from '@/lib/storage/storage';
import { indexerActor } from '@/lib/kb/indexing/embed-article';
import { markArticleSaved } from '@/lib/kb/articles/mark-article-saved';
import { extractDocumentText } from '@/lib/kb/extract/extract-text';
import { ExtractionFailed, type ExtractionFailure } from '@/lib/kb/extract/extraction-failed';

export type ExtractionOutcome =
  | { status: 'done'; chars: number }
  | { status: 'failed'; reason: ExtractionFailure }
  | { status: 'skipped' };

export async function extractArticleFile(workspaceId: string, fileId: string): Promise<ExtractionOutcome> {
  const actor = indexerActor(workspaceId);
  const [row] = await withActor(actor, (tx) =>
    tx
      .select({ articleId: kbArticleFiles.articleId, key: kbArticleFiles.fileUrl, mime: kbArticleFiles.fileType, name: kbArticleFiles.fileName })
      .from(kbArticleFiles)
      .where(and(eq(kbArticleFiles.id, fileId), eq(kbArticleFiles.workspaceId, workspaceId), eq(kbArticleFiles.extractionStatus, 'pending'))),
  );
  // Deleted since, or already extracted by an earlier delivery of the same event.
  if (!row) return { status: 'skipped' };

  const env = getEnv();
  let text: string | null = null;
  let failure: ExtractionFailure | null = null;
  const stored = await (await getStorage()).get(row.key);
  if (!stored) failure = 'unreadable';
  else {
    try {
      text = await extractDocumentText(stored.bytes, row.mime, {
        maxUncompressedBytes: env.KB_EXTRACT_MAX_UNCOMPRESSED_BYTES,
        maxPages: env.KB_EXTRACT_MAX_PAGES,
        timeoutMs: env.KB_EXTRACT_TIMEOUT_MS,
      });
    } catch (err) {
      failure = err instanceof ExtractionFailed ? err.reason : 'unreadable';
      logger.warn({ file_id: fileId, file_name: row.name, mime: row.mime, reason: failure, err: (err as Error).message }, 'kb file text extraction failed');
    }
  }

  const updated = await withActor(actor, async (tx) => {
    const done = await tx
      .update(kbArticleFiles)
      .set({ extractedText: text, extractionStatus: failure ? 'failed' : 'done', extractionError: failure })
      .where(and(eq(kbArticleFiles.id, fileId), eq(kbArticleFiles.workspaceId, workspaceId), eq(kbArticleFiles.extractionStatus, 'pending')))
      .returning({ id: kbArticleFiles.id });
    if (done.length && text) await markArticleSaved(tx, workspaceId, row.articleId);
    return done.length > 0;
  });
  if (!updated) return { status: 'skipped' };
  relaySoon();
  return failure ? { status: 'failed', reason: failure } : { status: 'done', chars: text?.length ?? 0 };
}
