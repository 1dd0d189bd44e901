// The bytes of one article file, for the authorised download route.
import { and, eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticleFiles } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';
import { getStorage } from '@/lib/storage/storage';
import type { WorkspaceActor } from '@/lib/db/actor';

export interface ArticleFileDownload {
  bytes: Uint8Array;
  fileName: string;
  fileType: string;
}

export async function readArticleFile(actor: WorkspaceActor, articleId: number, fileId: string): Promise<ArticleFileDownload> {
  const ws = actor.workspaceId;
  const [row] = await withActor(actor, (tx) =>
    tx
      .select({ fileName: kbArticleFiles.fileName, fileType: kbArticleFiles.fileType, key: kbArticleFiles.fileUrl })
      .from(kbArticleFiles)
      .where(and(eq(kbArticleFiles.id, fileId), eq(kbArticleFiles.articleId, articleId), eq(kbArticleFiles.workspaceId, ws))),
  );
  if (!row) throw notFound('File');
  const stored = await (await getStorage()).get(row.key).catch(() => null);
  if (!stored) throw notFound('File');
  return { bytes: stored.bytes, fileName: row.fileName, fileType: row.fileType };
}
