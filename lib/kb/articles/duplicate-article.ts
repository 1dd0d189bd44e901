// POST /api/kb/articles/:id/duplicate: "<title> (копия)" with the same content, categories,
// relations and files (each file copied in storage, so deleting one copy keeps the other).
import { and, asc, eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticleCategories, kbArticleFiles, kbArticleRelations, kbArticles } from '@/lib/db/schema/kb';
import { recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { getStorage } from '@/lib/storage/storage';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { copyName } from '@/lib/kb/copy-name';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { kbFileKey } from '@/lib/kb/files/file-types';
import { removeStoredFiles } from '@/lib/kb/files/remove-stored-files';
import { findArticle } from './find-article';
import { setArticleCategories, setArticleRelations } from './set-article-links';
import { markArticleSaved } from './mark-article-saved';
import { loadArticleDetail } from './load-article-detail';

export async function duplicateArticle(actor: WorkspaceActor, id: number) {
  const ws = actor.workspaceId;
  const storage = await getStorage();
  const copiedKeys: string[] = [];
  try {
    const article = await withActor(actor, async (tx) => {
      const source = await findArticle(tx, ws, id);
      const [row] = await tx
        .insert(kbArticles)
        .values({
          workspaceId: ws,
          title: copyName(source.title, 500),
          content: source.content,
          isActive: source.isActive,
          createdBy: actorUserId(actor),
        })
        .returning({ id: kbArticles.id });
      const categories = await tx
        .select({ id: kbArticleCategories.categoryId })
        .from(kbArticleCategories)
        .where(and(eq(kbArticleCategories.workspaceId, ws), eq(kbArticleCategories.articleId, id)));
      const related = await tx
        .select({ id: kbArticleRelations.relatedArticleId })
        .from(kbArticleRelations)
        .where(and(eq(kbArticleRelations.workspaceId, ws), eq(kbArticleRelations.articleId, id)));
      await setArticleCategories(tx, ws, row.id, categories.map((c) => c.id));
      await setArticleRelations(tx, ws, row.id, related.map((r) => r.id));

      const files = await tx
        .select()
        .from(kbArticleFiles)
        .where(and(eq(kbArticleFiles.workspaceId, ws), eq(kbArticleFiles.articleId, id)))
        .orderBy(asc(kbArticleFiles.createdAt), asc(kbArticleFiles.id));
      for (const f of files) {
        const stored = await storage.get(f.fileUrl);
        if (!stored) continue; // the original lost its bytes; do not copy a broken row
        const key = kbFileKey(ws, row.id, f.fileUrl.split('.').pop() ?? 'bin');
        await storage.put(key, stored.bytes, stored.contentType);
        copiedKeys.push(key);
        const [copy] = await tx.insert(kbArticleFiles).values({
          workspaceId: ws,
          articleId: row.id,
          fileName: f.fileName,
          fileType: f.fileType,
          fileUrl: key,
          fileSize: f.fileSize,
          extractedText: f.extractedText,
          extractionStatus: f.extractionStatus,
          extractionError: f.extractionError,
          createdBy: actorUserId(actor),
        }).returning({ id: kbArticleFiles.id });
        // A copy of a file still being read gets its own extraction job.
        if (f.extractionStatus === 'pending') {
          await enqueueEvent(tx, ws, 'kb/file.uploaded', { workspace_id: ws, article_id: row.id, file_id: copy.id });
        }
      }
      await recordAudit(tx, actor, {
        action: 'duplicate_kb_article',
        entityType: 'kb_article',
        entityId: row.id,
        newValues: { source_id: id, categories: categories.length, related_articles: related.length, files: copiedKeys.length },
      });
      await markArticleSaved(tx, ws, row.id);
      return loadArticleDetail(tx, ws, row.id);
    });
    relaySoon();
    return article;
  } catch (err) {
    await removeStoredFiles(copiedKeys);
    throw err;
  }
}
