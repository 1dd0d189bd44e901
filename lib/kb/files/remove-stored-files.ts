// Storage objects of knowledge-base files: collected inside a transaction that deletes
// their rows, removed only after it committed (a failed removal leaves an orphan, never a broken row).
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticleFiles } from '@/lib/db/schema/kb';
import { getStorage } from '@/lib/storage/storage';
import { logger } from '@/lib/log/logger';

export async function storedFileKeys(tx: Tx, workspaceId: string, articleIds: number[]): Promise<string[]> {
  if (!articleIds.length) return [];
  const rows = await tx
    .select({ key: kbArticleFiles.fileUrl })
    .from(kbArticleFiles)
    .where(and(eq(kbArticleFiles.workspaceId, workspaceId), inArray(kbArticleFiles.articleId, articleIds)));
  return rows.map((r) => r.key);
}

export async function removeStoredFiles(keys: string[]): Promise<void> {
  if (!keys.length) return;
  const storage = await getStorage();
  for (const key of keys) {
    await storage.delete(key).catch((err: Error) => logger.warn({ key, err: err.message }, 'could not remove a stored kb file'));
  }
}
