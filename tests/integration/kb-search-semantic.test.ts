// Knowledge-base search, semantic side, against the fake OpenAI server: the vector branch
// runs when pgvector and embeddings are configured, fuses with full-text, survives a missing
// embedding or a failing API, and keeps a small workspace's results complete in a big shared
// HNSW index (iterative scan). The PostgreSQL 15 test server has no pgvector: there only the
// "without pgvector" case runs, and the vector cases skip themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createArticle, createWorkspace, systemActor } from './kb-search-fixtures';
import { searchKnowledgeBase } from '@/lib/kb/search/search-knowledge-base';
import { embedArticleChunks } from '@/lib/kb/indexing/embed-article';
import { toVectorLiteral } from '@/lib/ai/embeddings';
import { withActor, queryRows } from '@/lib/db/actor';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';

let db: Database;
let fake: FakeOpenAI;
let ws: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test' });
  process.env.OPENAI_API_KEY = 'sk-test';
  process.env.OPENAI_BASE_URL = fake.url;
  resetEnvCache();
  db = await setupTestDatabase();
  ws = await createWorkspace(db, 'Semantic');
  ids.screen = await createArticle(ws, { title: 'Замена экрана iPhone 13', content: 'Меняем экран на iPhone 13 за час, оригинал и копия.' });
  ids.battery = await createArticle(ws, { title: 'Замена аккумулятора', content: 'Аккумулятор меняем за 30 минут, гарантия 6 месяцев.' });
  ids.privacy = await createArticle(ws, { title: 'Конфиденциальность', content: 'Мастера не просматривают ваши фотографии и переписку.' });
  for (const id of Object.values(ids)) await embedArticleChunks(id, ws);
  // Saved but not embedded yet (the indexer has not run).
  ids.fresh = await createArticle(ws, { title: 'Трейд-ин', content: 'Принимаем старые смартфоны в зачет нового.' });
});
afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  resetEnvCache();
  await teardownTestDatabase();
  await fake.close();
});

describe.runIf(onRealServer)('without pgvector (PostgreSQL 15 test server)', () => {
  it('searches full-text only and the indexer skips cleanly, even with embeddings configured', async () => {
    expect(db.vectorAvailable).toBe(false);
    const res = await searchKnowledgeBase(systemActor(ws), { query: 'замена экрана iphone 13' });
    expect(res.semantic).toBe(false);
    expect(res.results[0]).toMatchObject({ id: ids.screen, matched_by: ['fulltext'] });
    expect(await embedArticleChunks(ids.screen, ws)).toEqual({ pending: 0, embedded: 0, skipped: 'no_pgvector' });
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(0);
  });
});

describe.skipIf(onRealServer)('with pgvector and embeddings (skipped on the PostgreSQL 15 server: no pgvector there)', () => {
  it('runs the vector branch and marks articles both branches found', async () => {
    fake.reset();
    const res = await searchKnowledgeBase(systemActor(ws), { query: 'замена экрана iphone 13' });
    expect(res.semantic).toBe(true);
    expect(res.results[0]).toMatchObject({ id: ids.screen, matched_by: ['fulltext', 'semantic'] });
    expect(res.results[0].scores.semantic).toBeGreaterThan(0.2);
    // The query was embedded once.
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(1);
  });

  it('finds an article by meaning alone (matched_by: semantic)', async () => {
    // Give the privacy article the embedding of a question that shares no word with it.
    const question = 'хрупкая ваза упакована бережно';
    await withActor(systemActor(ws), (tx) =>
      tx.execute(sql`update kb_chunks set embedding = ${toVectorLiteral(fakeEmbedding(question, 1536))}::vector where article_id = ${ids.privacy}`),
    );
    const res = await searchKnowledgeBase(systemActor(ws), { query: question });
    const hit = res.results.find((r) => r.id === ids.privacy);
    expect(hit?.matched_by).toEqual(['semantic']);
    expect(res.results[0].id).toBe(ids.privacy);
  });

  it('still finds an article whose chunks have no embedding yet, by full-text', async () => {
    const res = await searchKnowledgeBase(systemActor(ws), { query: 'трейд-ин старого смартфона' });
    expect(res.semantic).toBe(true);
    expect(res.results[0]).toMatchObject({ id: ids.fresh, matched_by: ['fulltext'] });
  });

  it('falls back to full-text when the embeddings API fails', async () => {
    fake.reset();
    fake.failNext(500, 2, { retryAfterMs: 1 });
    const res = await searchKnowledgeBase(systemActor(ws), { query: 'замена экрана iphone 13' });
    expect(res.semantic).toBe(false);
    expect(res.results[0]).toMatchObject({ id: ids.screen, matched_by: ['fulltext'] });
  });

  it('excludes inactive articles from the vector branch too', async () => {
    await withActor(systemActor(ws), (tx) => tx.execute(sql`update kb_articles set is_active = false where id = ${ids.battery}`));
    const res = await searchKnowledgeBase(systemActor(ws), { query: 'аккумулятор', branches: ['semantic'] });
    expect(res.results.map((r) => r.id)).not.toContain(ids.battery);
    await withActor(systemActor(ws), (tx) => tx.execute(sql`update kb_articles set is_active = true where id = ${ids.battery}`));
  });

  describe('a small workspace in a big shared HNSW index', () => {
    let small: string;
    const query = 'экран и аккумулятор: замена за час';
    beforeAll(async () => {
      // 400 chunks of another workspace, all nearer to the query than anything of ours.
      const big = await createWorkspace(db, 'Big neighbour');
      const vectors = Array.from({ length: 400 }, (_, g) => toVectorLiteral(fakeEmbedding(`${query} ${g}`, 1536)));
      await db.query(
        `with v as (select row_number() over () as g, x::text as v from jsonb_array_elements_text($2::jsonb) x),
         a as (
           insert into kb_articles (workspace_id, title, content)
           select $1, 'Экран #' || g, 'экран и аккумулятор: замена за час ' || g from v
           returning id, workspace_id, title, content)
         insert into kb_chunks (workspace_id, article_id, chunk_index, title, content, content_hash, embedding, embedding_model, embedded_at)
         select a.workspace_id, a.id, 0, a.title, a.content, md5(a.content), v.v::vector, 'text-embedding-3-small', now()
         from a join v on a.content = 'экран и аккумулятор: замена за час ' || v.g`,
        [big, JSON.stringify(vectors)],
      );
      small = await createWorkspace(db, 'Small');
      for (let i = 0; i < 5; i++) {
        const id = await createArticle(small, { title: `Статья ${i}`, content: `Экран и аккумулятор, вариант ${i}: замена за час.` });
        await embedArticleChunks(id, small);
      }
    });

    const nearest = (iterative: 'off' | 'relaxed_order') =>
      withActor(systemActor(small), async (tx) => {
        // Make the planner use the HNSW index, as it would on a big table.
        await tx.execute(sql.raw('set local enable_seqscan = off'));
        await tx.execute(sql.raw('set local enable_bitmapscan = off'));
        await tx.execute(sql.raw('set local enable_sort = off'));
        await tx.execute(sql.raw(`set local hnsw.iterative_scan = ${iterative}`));
        await tx.execute(sql.raw('set local hnsw.ef_search = 40'));
        return queryRows<{ id: string }>(
          tx,
          sql`select id from kb_chunks where workspace_id = ${small}::uuid and embedding is not null
              order by embedding <=> ${toVectorLiteral(fakeEmbedding(query, 1536))}::vector limit 5`,
        );
      });

    it('the plain HNSW scan comes back short, which is why the search uses the iterative scan', async () => {
      await db.query('begin');
      await db.query('set local enable_seqscan = off');
      await db.query('set local enable_bitmapscan = off');
      await db.query('set local enable_sort = off');
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        'explain select id from kb_chunks where workspace_id = $1 and embedding is not null order by embedding <=> $2::vector limit 5',
        [small, toVectorLiteral(fakeEmbedding(query, 1536))],
      );
      await db.query('rollback');
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('kb_chunks_embedding_idx');
      expect((await nearest('off')).length).toBeLessThan(5);
      expect(await nearest('relaxed_order')).toHaveLength(5);
    });

    it("search returns all of the small workspace's matches", async () => {
      const res = await searchKnowledgeBase(systemActor(small), { query, branches: ['semantic'], limit: 5 });
      expect(res.results).toHaveLength(5);
      expect(res.results.every((r) => r.matched_by.join() === 'semantic')).toBe(true);
      const res2 = await withActor(systemActor(small), (tx) =>
        queryRows<{ chunk_id: string }>(
          tx,
          sql`select chunk_id from app.kb_nearest_chunks(${small}::uuid, ${toVectorLiteral(fakeEmbedding(query, 1536))}::vector, true, null, 5, 20000)`,
        ),
      );
      expect(res2).toHaveLength(5);
    });
  });
});
