// After an article's searchable content (title, content, files, active flag) changed,
// inside the same transaction: refresh its chunks and queue re-indexing.
import type { Tx } from '@/lib/db/client';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { rebuildArticleChunks } from '@/lib/kb/indexing/rebuild-chunks';

export async function markArticleSaved(tx: Tx, workspaceId: string, articleId: number, opts: { chunks?: boolean } = {}): Promise<void> {
  if (opts.chunks !== false) await rebuildArticleChunks(tx, articleId);
  await enqueueEvent(tx, workspaceId, 'kb/article.saved', { workspace_id: workspaceId, article_id: articleId });
}
