// Search chunks: written with every save, split on boundaries with overlap, and
// kept (with their embeddings) when their text did not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createArticle, createCategory, fileForm, type TestUser } from '../helpers/kb';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let cat: { id: string };

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser();
  cat = await createCategory(A.token, { name: 'Manuals' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

interface Chunk {
  id: string;
  chunk_index: number;
  title: string;
  content: string;
  content_hash: string;
  file_id: string | null;
  workspace_id: string;
  has_vector: boolean;
}
const chunksOf = (articleId: number) =>
  db.query<Chunk>(
    `select id, chunk_index, title, content, content_hash, file_id, workspace_id, search_vector is not null as has_vector
     from kb_chunks where article_id = $1 order by chunk_index`,
    [articleId],
  );
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** ~5,000 characters in 14 paragraphs of a few sentences each; paragraph i mentions marker i. */
function longText(edit?: { paragraph: number; word: string }): string {
  return Array.from({ length: 14 }, (_, p) => {
    const sentences = Array.from({ length: 4 }, (_, s) => {
      const word = edit && edit.paragraph === p && s === 2 ? edit.word : 'regular';
      return `Paragraph ${p} sentence ${s} explains the ${word} maintenance schedule for model X${p}${s} in detail.`;
    });
    return sentences.join(' ');
  }).join('\n\n');
}

describe('chunks', () => {
  it('a 5,000-character article gets several ~1,200-character chunks with overlap', async () => {
    const text = longText();
    expect(text.length).toBeGreaterThan(4800);
    const a = await createArticle(A.token, { title: 'Maintenance guide', content: text, categories: [cat.id] });
    const chunks = await chunksOf(a.id);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.map((c) => c.chunk_index)).toEqual(chunks.map((_, i) => i));
    expect(text.startsWith(chunks[0].content.slice(0, 200))).toBe(true);
    for (const c of chunks) {
      expect(c.content.length).toBeLessThanOrEqual(1250);
      expect(c).toMatchObject({ title: 'Maintenance guide', file_id: null, workspace_id: A.workspaceId, has_vector: true });
      expect(c.content_hash).toBe(sha(`Maintenance guide\n${c.content}`));
    }
    // Each later chunk opens with the end of the one before it.
    for (let i = 1; i < chunks.length; i++) {
      const head = chunks[i].content.slice(0, 40);
      expect(chunks[i - 1].content).toContain(head);
    }
    // Every sentence of the article is in some chunk.
    for (const sentence of text.split(/(?<=\.)\s+/)) expect(chunks.some((c) => c.content.includes(sentence))).toBe(true);
    // The generated tsvector finds a stemmed Russian-independent code word.
    const hits = await db.query('select 1 from kb_chunks where article_id = $1 and search_vector @@ plainto_tsquery(\'simple\', \'x131\')', [a.id]);
    expect(hits.length).toBeGreaterThan(0);
  });

  it('editing one paragraph keeps the ids (and embeddings) of the chunks that did not change', async () => {
    const a = await createArticle(A.token, { title: 'Stable ids', content: longText(), categories: [cat.id] });
    const before = await chunksOf(a.id);
    // Pretend the search side embedded everything.
    await db.query(`update kb_chunks set embedding_model = 'test-model', embedded_at = now() where article_id = $1`, [a.id]);

    const res = await api('PATCH', `/api/kb/articles/${a.id}`, {
      token: A.token,
      body: { content: longText({ paragraph: 6, word: 'revised' }) },
    });
    expect(res.status).toBe(200);
    const after = await chunksOf(a.id);
    const beforeIds = new Set(before.map((c) => c.id));
    const changed = after.filter((c) => !beforeIds.has(c.id));
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);
    for (const c of changed) expect(c.content).toMatch(/revised|Paragraph 6/);
    for (const c of after.filter((x) => beforeIds.has(x.id))) {
      expect(c.content).not.toContain('revised');
      const [row] = await db.query<{ embedding_model: string | null }>('select embedding_model from kb_chunks where id = $1', [c.id]);
      expect(row.embedding_model).toBe('test-model');
    }
    expect(after.some((c) => c.content.includes('revised'))).toBe(true);
    // Old chunks that held the old paragraph are gone.
    expect(await db.query('select 1 from kb_chunks where article_id = $1 and chunk_index >= $2', [a.id, after.length])).toEqual([]);
  });

  it('a title change replaces every chunk (the title is part of what is embedded)', async () => {
    const a = await createArticle(A.token, { title: 'Old title', content: longText(), categories: [cat.id] });
    const before = new Set((await chunksOf(a.id)).map((c) => c.id));
    await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { title: 'New title' } });
    const after = await chunksOf(a.id);
    expect(after.every((c) => !before.has(c.id) && c.title === 'New title')).toBe(true);
  });

  it('saving unchanged text, toggling and re-filing keep every chunk', async () => {
    const text = longText();
    const a = await createArticle(A.token, { title: 'Untouched', content: text, categories: [cat.id] });
    const before = (await chunksOf(a.id)).map((c) => c.id);
    await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { content: text, categories: [cat.id] } });
    await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: A.token });
    // Inactive articles keep their chunks (search filters on is_active).
    expect((await chunksOf(a.id)).map((c) => c.id)).toEqual(before);
  });

  it('a short article is one chunk; file chunks follow the content and move when it grows', async () => {
    const a = await createArticle(A.token, { title: 'Short', content: 'Ten chars or more here.', categories: [cat.id] });
    expect((await chunksOf(a.id)).map((c) => c.content)).toEqual(['Ten chars or more here.']);
    await api('POST', `/api/kb/articles/${a.id}/files`, { token: A.token, form: fileForm([{ name: 'f.txt', bytes: 'File text for chunks.' }]) });
    const withFile = await chunksOf(a.id);
    expect(withFile.map((c) => [c.chunk_index, c.file_id === null, c.content])).toEqual([
      [0, true, 'Ten chars or more here.'],
      [1, false, 'File text for chunks.'],
    ]);
    await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { content: longText() } });
    const grown = await chunksOf(a.id);
    const fileChunk = grown.find((c) => c.file_id)!;
    expect(fileChunk.id).toBe(withFile[1].id); // kept, only re-numbered
    expect(fileChunk.chunk_index).toBe(grown.length - 1);
  });

  it('duplicates get their own chunks; deleting an article removes its chunks', async () => {
    const a = await createArticle(A.token, { title: 'To copy', content: longText(), categories: [cat.id] });
    const copy = (await api('POST', `/api/kb/articles/${a.id}/duplicate`, { token: A.token })).body.article;
    const copyChunks = await chunksOf(copy.id);
    expect(copyChunks.length).toBe((await chunksOf(a.id)).length);
    expect(copyChunks[0].title).toBe('To copy (копия)');
    await api('DELETE', `/api/kb/articles/${a.id}`, { token: A.token });
    expect(await chunksOf(a.id)).toEqual([]);
  });
});
