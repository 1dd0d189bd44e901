// Replaces an article's search chunks inside the caller's transaction, keeping the
// rows whose text did not change so their embeddings survive an edit.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticleFiles, kbArticles, kbChunks } from '@/lib/db/schema/kb';
import { sha256 } from '@/lib/auth/secret';
import { chunkText } from './chunk-text';

export interface RebuildResult {
  kept: number;
  inserted: number;
  deleted: number;
}

interface Wanted {
  fileId: string | null;
  chunkIndex: number;
  content: string;
  contentHash: string;
}

/** The hash the search side compares: a chunk's text as embedded is its title plus its content. */
export function chunkHash(title: string, content: string): string {
  return sha256(`${title}\n${content}`);
}

const INSERT_BATCH = 200;

export async function rebuildArticleChunks(tx: Tx, articleId: number): Promise<RebuildResult> {
  const [article] = await tx
    .select({ id: kbArticles.id, workspaceId: kbArticles.workspaceId, title: kbArticles.title, content: kbArticles.content, contentHash: kbArticles.contentHash })
    .from(kbArticles)
    .where(eq(kbArticles.id, articleId));
  if (!article) {
    const gone = await tx.delete(kbChunks).where(eq(kbChunks.articleId, articleId)).returning({ id: kbChunks.id });
    return { kept: 0, inserted: 0, deleted: gone.length };
  }
  const articleHash = chunkHash(article.title, article.content);
  if (article.contentHash !== articleHash) {
    await tx.update(kbArticles).set({ contentHash: articleHash }).where(eq(kbArticles.id, article.id));
  }

  const files = await tx
    .select({ id: kbArticleFiles.id, text: kbArticleFiles.extractedText })
    .from(kbArticleFiles)
    .where(and(eq(kbArticleFiles.articleId, article.id), eq(kbArticleFiles.workspaceId, article.workspaceId)))
    .orderBy(asc(kbArticleFiles.createdAt), asc(kbArticleFiles.id));

  // Chunk 0 is the start of the article's own content; file text follows, each chunk tagged with its file.
  const wanted: Wanted[] = [];
  const add = (fileId: string | null, text: string) => {
    for (const content of chunkText(text)) {
      wanted.push({ fileId, chunkIndex: wanted.length, content, contentHash: chunkHash(article.title, content) });
    }
  };
  add(null, article.content);
  for (const f of files) if (f.text) add(f.id, f.text);

  const existing = await tx
    .select({ id: kbChunks.id, fileId: kbChunks.fileId, chunkIndex: kbChunks.chunkIndex, contentHash: kbChunks.contentHash })
    .from(kbChunks)
    .where(and(eq(kbChunks.articleId, article.id), eq(kbChunks.workspaceId, article.workspaceId)))
    .orderBy(asc(kbChunks.chunkIndex));

  const pool = new Map<string, typeof existing>();
  for (const row of existing) {
    const key = `${row.fileId ?? ''}:${row.contentHash}`;
    pool.set(key, [...(pool.get(key) ?? []), row]);
  }

  const toInsert: Wanted[] = [];
  const moved: SQL[] = [];
  let kept = 0;
  for (const w of wanted) {
    const match = pool.get(`${w.fileId ?? ''}:${w.contentHash}`)?.shift();
    if (!match) {
      toInsert.push(w);
      continue;
    }
    kept++;
    if (match.chunkIndex !== w.chunkIndex) moved.push(sql`(${match.id}::uuid, ${w.chunkIndex}::int)`);
  }
  if (moved.length) {
    await tx.execute(sql`update public.kb_chunks c set chunk_index = v.idx
      from (values ${sql.join(moved, sql`, `)}) as v(id, idx) where c.id = v.id`);
  }

  const stale = [...pool.values()].flat().map((r) => r.id);
  if (stale.length) await tx.delete(kbChunks).where(inArray(kbChunks.id, stale));
  for (let i = 0; i < toInsert.length; i += INSERT_BATCH) {
    await tx.insert(kbChunks).values(
      toInsert.slice(i, i + INSERT_BATCH).map((w) => ({
        workspaceId: article.workspaceId,
        articleId: article.id,
        fileId: w.fileId,
        chunkIndex: w.chunkIndex,
        title: article.title,
        content: w.content,
        contentHash: w.contentHash,
      })),
    );
  }
  return { kept, inserted: toInsert.length, deleted: stale.length };
}
