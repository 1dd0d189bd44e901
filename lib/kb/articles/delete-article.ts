// DELETE /api/kb/articles/:id (its links, files and chunks go with it).
import { and, eq } from 'drizzle-orm';
import { afterCommit, withActor } from '@/lib/db/actor';
import { kbArticles } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { enqueueEvent } from '@/lib/jobs/enqueue';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import type { WorkspaceActor } from '@/lib/db/actor';
import { removeStoredFiles, storedFileKeys } from '@/lib/kb/files/remove-stored-files';

export async function deleteArticle(actor: WorkspaceActor, id: number): Promise<void> {
  const ws = actor.workspaceId;
  const keys = await withActor(actor, async (tx) => {
    const fileKeys = await storedFileKeys(tx, ws, [id]);
    const [row] = await tx
      .delete(kbArticles)
      .where(and(eq(kbArticles.id, id), eq(kbArticles.workspaceId, ws)))
      .returning({ id: kbArticles.id, title: kbArticles.title, isActive: kbArticles.isActive });
    if (!row) throw notFound('Article');
    await recordAudit(tx, actor, {
      action: 'delete_kb_article',
      entityType: 'kb_article',
      entityId: id,
      oldValues: { title: row.title, is_active: row.isActive, files: fileKeys.length },
    });
    await enqueueEvent(tx, ws, 'kb/article.deleted', { workspace_id: ws, article_id: id });
    return fileKeys;
  });
  relaySoon();
  // Files go only once the rows are gone for good.
  await afterCommit(() => removeStoredFiles(keys));
}
