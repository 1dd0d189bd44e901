// POST /api/kb/articles/:id/files: one or more files in the "files" field. All are
// checked before any is stored; plain text is extracted and chunked with the article at
// once, PDF/DOCX in the background (status "pending" until the kb/file.uploaded job ran).
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticleFiles, kbArticles } from '@/lib/db/schema/kb';
import { AppError } from '@/lib/api/errors';
import { getEnv } from '@/lib/env';
import { getStorage } from '@/lib/storage/storage';
import type { CheckedFile } from '@/lib/storage/check-upload';
import { recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { findArticle } from '@/lib/kb/articles/find-article';
import { markArticleSaved } from '@/lib/kb/articles/mark-article-saved';
import { BACKGROUND_TYPES, extractText } from '@/lib/kb/extract/extract-text';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { checkKbFile } from './check-kb-file';
import { KB_FILES_PER_UPLOAD } from '@/lib/storage/upload-limits';
import { kbFileKey } from './file-types';
import { presentFile } from './present-file';
import { removeStoredFiles } from './remove-stored-files';

export async function uploadArticleFiles(actor: WorkspaceActor, articleId: number, form: FormData) {
  const ws = actor.workspaceId;
  const maxBytes = getEnv().KB_FILE_MAX_BYTES;
  const files = form.getAll('files').filter((f): f is File => typeof f !== 'string');
  if (!files.length || files.length > KB_FILES_PER_UPLOAD) {
    const message = files.length ? `at most ${KB_FILES_PER_UPLOAD} files at once` : 'attach at least one file';
    throw new AppError(400, 'validation_error', `Invalid value for: files (${message})`, { fields: [{ field: 'files', message }] });
  }
  // Another workspace's article is a 404 before any file is even looked at.
  await withActor(actor, (tx) => findArticle(tx, ws, articleId));

  const checked: CheckedFile[] = [];
  for (const file of files) checked.push(await checkKbFile(file, maxBytes));
  const prepared: (CheckedFile & { key: string; text: string | null; later: boolean })[] = [];
  for (const c of checked) {
    const later = BACKGROUND_TYPES.has(c.mime);
    prepared.push({ ...c, key: kbFileKey(ws, articleId, c.ext), later, text: later ? null : await extractText(c.bytes, c.mime, c.name) });
  }

  const storage = await getStorage();
  const stored: string[] = [];
  try {
    for (const p of prepared) {
      await storage.put(p.key, p.bytes, p.mime);
      stored.push(p.key);
    }
    const rows = await withActor(actor, async (tx) => {
      await findArticle(tx, ws, articleId, { forUpdate: true });
      const inserted = await tx
        .insert(kbArticleFiles)
        .values(
          prepared.map((p) => ({
            workspaceId: ws,
            articleId,
            fileName: p.name,
            fileType: p.mime,
            fileUrl: p.key,
            fileSize: p.size,
            extractedText: p.text,
            extractionStatus: p.later ? 'pending' : 'done',
            createdBy: actorUserId(actor),
          })),
        )
        .returning();
      for (const r of inserted) {
        await recordAudit(tx, actor, {
          action: 'upload_kb_file',
          entityType: 'kb_article_file',
          entityId: r.id,
          newValues: { article_id: articleId, file_name: r.fileName, file_type: r.fileType, file_size: r.fileSize, text_chars: r.extractedText?.length ?? 0 },
        });
      }
      for (const r of inserted.filter((r) => r.extractionStatus === 'pending')) {
        await enqueueEvent(tx, ws, 'kb/file.uploaded', { workspace_id: ws, article_id: articleId, file_id: r.id });
      }
      await tx.update(kbArticles).set({ updatedAt: sql`now()` }).where(and(eq(kbArticles.id, articleId), eq(kbArticles.workspaceId, ws)));
      await markArticleSaved(tx, ws, articleId);
      return inserted;
    });
    relaySoon();
    return rows.map((r) => presentFile({ ...r, hasText: r.extractedText !== null }));
  } catch (err) {
    await removeStoredFiles(stored);
    throw err;
  }
}
