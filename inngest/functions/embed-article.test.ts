// The embedding function under @inngest/test against the fake OpenAI server: a saved
// article ends with every chunk embedded; after an edit only the changed chunks go to the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InngestTestEngine } from '@inngest/test';
import { sql } from 'drizzle-orm';
import { startFakeOpenAI, type FakeOpenAI } from '@/tests/fakes/openai-server';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import { createArticle, createWorkspace, systemActor } from '@/tests/integration/kb-search-fixtures';
import { withActor, queryRows } from '@/lib/db/actor';
import { rebuildArticleChunks } from '@/lib/kb/indexing/rebuild-chunks';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';
import { embedArticle } from './embed-article';
import { relayOutboxCron } from './relay-outbox-cron';

let fake: FakeOpenAI;
let db: Database;
let ws: string;

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${topic}: пункт ${i + 1}, подробности про сроки, цены и гарантию на работы.`).join(' ');
const original = [paragraph('Замена экрана', 14), paragraph('Замена аккумулятора', 14), paragraph('Ремонт разъема', 14)].join('\n\n');

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test' });
  process.env.OPENAI_API_KEY = 'sk-test';
  process.env.OPENAI_BASE_URL = fake.url;
  resetEnvCache();
  db = await setupTestDatabase();
  ws = await createWorkspace(db, 'Embedding Co');
});
afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  resetEnvCache();
  await teardownTestDatabase();
  await fake.close();
});

interface ChunkRow {
  id: string;
  chunk_index: number;
  has_embedding: boolean;
  embedding_model: string | null;
  embedded_at: Date | string | null;
}

const chunksOf = (articleId: number) =>
  withActor(systemActor(ws), (tx) =>
    queryRows<ChunkRow>(
      tx,
      sql`select id::text, chunk_index, embedding is not null as has_embedding, embedding_model, embedded_at
          from kb_chunks where article_id = ${articleId} order by chunk_index`,
    ),
  );

/** Inputs sent to /v1/embeddings since the fake was last reset. */
const embeddedInputs = () =>
  fake.requests
    .filter((r) => r.path === '/v1/embeddings')
    .flatMap((r) => {
      const input = (r.body as { input: string | string[] }).input;
      return Array.isArray(input) ? input : [input];
    });

const run = (articleId: number) =>
  new InngestTestEngine({ function: embedArticle }).execute({
    events: [{ name: 'kb/article.saved', data: { workspace_id: ws, article_id: articleId } }],
  });

describe.skipIf(onRealServer)('kb-embed-article (Inngest) — needs pgvector, so PGlite only', () => {
  let articleId: number;

  it('embeds every chunk of a saved article', async () => {
    expect(db.vectorAvailable).toBe(true);
    articleId = await createArticle(ws, { title: 'Ремонт телефонов', content: original });
    const before = await chunksOf(articleId);
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((c) => !c.has_embedding)).toBe(true);

    fake.reset();
    const { result } = await run(articleId);
    expect(result).toMatchObject({ pending: before.length, embedded: before.length });

    const after = await chunksOf(articleId);
    expect(after.every((c) => c.has_embedding && c.embedding_model === 'text-embedding-3-small' && c.embedded_at)).toBe(true);
    expect(embeddedInputs()).toHaveLength(before.length);
    const body = fake.requests.find((r) => r.path === '/v1/embeddings')!.body as { model: string; dimensions: number };
    expect(body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536 });
  });

  it('re-embeds only the chunks whose text changed', async () => {
    const before = await chunksOf(articleId);
    const edited = original.replace('Ремонт разъема: пункт 14', 'Ремонт разъема: пункт 14 (обновлено)');
    const rebuilt = await withActor(systemActor(ws), async (tx) => {
      await tx.execute(sql`update kb_articles set content = ${edited} where id = ${articleId}`);
      return rebuildArticleChunks(tx, articleId);
    });
    expect(rebuilt.inserted).toBeGreaterThan(0);
    expect(rebuilt.kept).toBeGreaterThan(0);

    fake.reset();
    const { result } = await run(articleId);
    expect(result).toMatchObject({ pending: rebuilt.inserted, embedded: rebuilt.inserted });
    expect(embeddedInputs()).toHaveLength(rebuilt.inserted);
    expect(embeddedInputs().some((text) => text.includes('(обновлено)'))).toBe(true);

    const after = await chunksOf(articleId);
    expect(after.every((c) => c.has_embedding)).toBe(true);
    // Chunks that survived the edit kept their embedding from the first run.
    const kept = after.filter((c) => before.some((b) => b.id === c.id));
    expect(kept).toHaveLength(rebuilt.kept);
    for (const c of kept) expect(String(c.embedded_at)).toBe(String(before.find((b) => b.id === c.id)!.embedded_at));
  });

  it('sends nothing when every chunk is up to date', async () => {
    fake.reset();
    const { result } = await run(articleId);
    expect(result).toMatchObject({ pending: 0, embedded: 0 });
    expect(embeddedInputs()).toHaveLength(0);
  });

  it('re-embeds chunks embedded with another model', async () => {
    await withActor(systemActor(ws), (tx) => tx.execute(sql`update kb_chunks set embedding_model = 'old-model' where article_id = ${articleId} and chunk_index = 0`));
    fake.reset();
    const { result } = await run(articleId);
    expect(result).toMatchObject({ pending: 1, embedded: 1 });
  });

  it('without Inngest the outbox relay runs the same call in-process', async () => {
    await import('@/lib/kb/indexing/register-handlers');
    const id = await createArticle(ws, { title: 'Курьер', content: 'Курьер заберет телефон и привезет обратно после ремонта.' });
    await db.query(`insert into event_outbox (workspace_id, name, data) values ($1, 'kb/article.saved', $2)`, [
      ws,
      JSON.stringify({ workspace_id: ws, article_id: id }),
    ]);
    const { result } = await new InngestTestEngine({ function: relayOutboxCron }).execute();
    expect(result).toMatchObject({ failed: 0 });
    expect((result as { sent: number }).sent).toBeGreaterThanOrEqual(1);
    expect((await chunksOf(id)).every((c) => c.has_embedding)).toBe(true);
  });

  it('a forged payload naming another workspace does nothing there', async () => {
    await import('@/lib/kb/indexing/register-handlers');
    const other = await createWorkspace(db, 'Victim Co');
    const victimArticle = await createArticle(other, { title: 'Чужая статья', content: 'Текст другой компании про доставку и оплату.' });
    // Written in `ws` (RLS checked that), the payload names the victim's workspace and article.
    await db.query(`insert into event_outbox (workspace_id, name, data) values ($1, 'kb/article.saved', $2)`, [
      ws,
      JSON.stringify({ workspace_id: other, article_id: victimArticle }),
    ]);
    fake.reset();
    const { result } = await new InngestTestEngine({ function: relayOutboxCron }).execute();
    expect(result).toMatchObject({ failed: 0 });
    expect(embeddedInputs()).toHaveLength(0);
    const victimChunks = await withActor(systemActor(other), (tx) =>
      queryRows<{ has_embedding: boolean }>(tx, sql`select embedding is not null as has_embedding from kb_chunks where article_id = ${victimArticle}`),
    );
    expect(victimChunks.length).toBeGreaterThan(0);
    expect(victimChunks.every((c) => !c.has_embedding)).toBe(true);
  });
});
