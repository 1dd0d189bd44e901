// DELETE /api/kb/articles/:id/files/:fileId (its chunks go with it; the article is re-indexed).
import { and, eq, sql } from 'drizzle-orm';
import { afterCommit, withActor } from '@/lib/db/actor';
import { kbArticleFiles, kbArticles } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import type { WorkspaceActor } from '@/lib/db/actor';
import { findArticle } from '@/lib/kb/articles/find-article';
import { markArticleSaved } from '@/lib/kb/articles/mark-article-saved';
import { removeStoredFiles } from './remove-stored-files';

export async function deleteArticleFile(actor: WorkspaceActor, articleId: number, fileId: string): Promise<void> {
  const ws = actor.workspaceId;
  const key = await withActor(actor, async (tx) => {
    await findArticle(tx, ws, articleId, { forUpdate: true });
    const [row] = await tx
      .delete(kbArticleFiles)
      .where(and(eq(kbArticleFiles.id, fileId), eq(kbArticleFiles.articleId, articleId), eq(kbArticleFiles.workspaceId, ws)))
      .returning({ id: kbArticleFiles.id, fileName: kbArticleFiles.fileName, fileUrl: kbArticleFiles.fileUrl });
    if (!row) throw notFound('File');
    await recordAudit(tx, actor, {
      action: 'delete_kb_file',
      entityType: 'kb_article_file',
      entityId: row.id,
      oldValues: { article_id: articleId, file_name: row.fileName },
    });
    await tx.update(kbArticles).set({ updatedAt: sql`now()` }).where(eq(kbArticles.id, articleId));
    await markArticleSaved(tx, ws, articleId);
    return row.fileUrl;
  });
  relaySoon();
  await afterCommit(() => removeStoredFiles([key]));
}
