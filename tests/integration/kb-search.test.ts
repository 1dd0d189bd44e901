// Knowledge-base search, full-text side: ranking, snippets, scope (categories with their
// subcategories, active flag), tenant isolation, related articles and files, and the list
// search. Runs on PGlite and on the real-server lane (PostgreSQL 15 without pgvector).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { registerUser } from '../helpers/api';
import { addFile, createArticle, createCategory, createWorkspace, systemActor } from './kb-search-fixtures';
import { searchKnowledgeBase } from '@/lib/kb/search/search-knowledge-base';
import { searchArticlesForList } from '@/lib/kb/search/search-for-list';
import { withActor, queryRows } from '@/lib/db/actor';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import type { Database } from '@/lib/db/client';

let db: Database;
let ws: string;
let other: string;
const ids: Record<string, number> = {};
const cats: Record<string, string> = {};

const search = (query: string, extra: Record<string, unknown> = {}, workspaceId = ws) =>
  searchKnowledgeBase(systemActor(workspaceId), { query, ...extra });

beforeAll(async () => {
  db = await setupTestDatabase();
  ws = await createWorkspace(db, 'Phone repair');
  other = await createWorkspace(db, 'Other phone repair');
  cats.repair = await createCategory(ws, 'Ремонт');
  cats.screens = await createCategory(ws, 'Экраны', cats.repair);
  cats.iphone = await createCategory(ws, 'iPhone', cats.screens);
  cats.payment = await createCategory(ws, 'Оплата');

  ids.screen13 = await createArticle(ws, {
    title: 'Замена экрана iPhone 13',
    content: 'Меняем экран на iPhone 13: оригинальный дисплей и копия OLED. Замена экрана занимает около часа, гарантия 6 месяцев.',
    categoryIds: [cats.iphone],
  });
  ids.battery = await createArticle(ws, {
    title: 'Замена аккумулятора',
    content: 'Если телефон быстро разряжается, меняем аккумулятор за 30 минут. Экран при этом не снимаем на большинстве моделей.',
    categoryIds: [cats.repair],
  });
  ids.payment = await createArticle(ws, {
    title: 'Способы оплаты',
    content: 'Оплата картой, наличными, через Kaspi или в рассрочку на 12 месяцев.',
    categoryIds: [cats.payment],
    relatedIds: [ids.screen13],
  });
  ids.archived = await createArticle(ws, {
    title: 'Старый прайс на замену экрана iPhone 13',
    content: 'Архивные цены на замену экрана iPhone 13, больше не действуют.',
    isActive: false,
    categoryIds: [cats.iphone],
  });
  await addFile(ws, ids.payment, 'tarify.txt', 'Рассрочка Kaspi Red без переплаты: первый платеж через месяц.');
  // The same text in another workspace.
  ids.otherScreen = await createArticle(other, {
    title: 'Замена экрана iPhone 13',
    content: 'Меняем экран на iPhone 13: оригинальный дисплей и копия OLED. Замена экрана занимает около часа, гарантия 6 месяцев.',
  });
});
afterAll(teardownTestDatabase);

describe('searchKnowledgeBase (full-text)', () => {
  it('orders by relevance: the article about the asked thing first, a passing mention after, unrelated ones not at all', async () => {
    const res = await search('сколько стоит замена экрана на айфон 13?');
    const order = res.results.map((r) => r.id);
    expect(order[0]).toBe(ids.screen13);
    expect(order).toContain(ids.battery);
    expect(order.indexOf(ids.battery)).toBeGreaterThan(0);
    expect(order).not.toContain(ids.payment);
    expect(res.results[0].score).toBeGreaterThan(res.results[1].score);
    expect(res.semantic).toBe(false);
  });

  it('marks full-text matches and highlights the matched words in the snippet', async () => {
    const [top] = (await search('замена экрана iPhone 13')).results;
    expect(top.matched_by).toEqual(['fulltext']);
    expect(top.snippet).toMatch(/\*\*экран\w*\*\*/i);
    expect(top.snippet).toMatch(/\*\*iPhone\*\*/);
    expect(top.chunk).toMatchObject({ chunk_index: 0, file_id: null });
    expect(top.chunk.content).toContain('Меняем экран');
  });

  it('highlights English words with the english config too', async () => {
    const [top] = (await search('Kaspi installments')).results;
    expect(top.id).toBe(ids.payment);
    expect(top.snippet).toContain('**Kaspi**');
  });

  it('understands inflections, typos, transliteration and Kazakh endings', async () => {
    for (const q of ['экраны на айфоны 13', 'зомена экрона iphone 13', 'zamena ekrana iphone 13', 'iPhone 13 экранын ауыстыру']) {
      const res = await search(q);
      expect(res.results[0]?.id, q).toBe(ids.screen13);
    }
  });

  it('finds text inside an attached file and returns that chunk, related articles and files', async () => {
    const [top] = (await search('Kaspi Red без переплаты')).results;
    expect(top.id).toBe(ids.payment);
    expect(top.files).toHaveLength(1);
    expect(top.files[0]).toMatchObject({ file_name: 'tarify.txt', file_type: 'text/plain' });
    expect(top.files[0].download_url).toBe(`/api/kb/articles/${ids.payment}/files/${top.files[0].id}/download`);
    expect(top.related_articles).toEqual([{ id: ids.screen13, title: 'Замена экрана iPhone 13' }]);
    expect(top.chunk.file_id).toBe(top.files[0].id);
  });

  it('filters by category including its subcategories', async () => {
    const inRoot = await search('замена экрана iphone 13', { categoryIds: [cats.repair] });
    expect(inRoot.results.map((r) => r.id).sort()).toEqual([ids.screen13, ids.battery].sort());
    const inChild = await search('замена экрана iphone 13', { categoryIds: [cats.screens] });
    expect(inChild.results.map((r) => r.id)).toEqual([ids.screen13]);
    const elsewhere = await search('замена экрана iphone 13', { categoryIds: [cats.payment] });
    expect(elsewhere.results).toEqual([]);
  });

  it('leaves out inactive articles unless asked', async () => {
    const res = await search('прайс замена экрана iPhone 13');
    expect(res.results.map((r) => r.id)).not.toContain(ids.archived);
    const all = await search('прайс замена экрана iPhone 13', { includeInactive: true });
    expect(all.results[0].id).toBe(ids.archived);
  });

  it("never returns another workspace's articles, even with identical text", async () => {
    const mine = await search('замена экрана iPhone 13', { limit: 50 }, other);
    expect(mine.results.map((r) => r.id)).toEqual([ids.otherScreen]);
    const theirs = await search('замена экрана iPhone 13', { limit: 50 });
    expect(theirs.results.map((r) => r.id)).not.toContain(ids.otherScreen);
  });

  it("the database functions refuse a workspace the actor is not bound to", async () => {
    const rows = await withActor(systemActor(other), async (tx) => ({
      candidates: await queryRows(tx, sql`select * from app.kb_fulltext_candidates(${ws}::uuid, 'экран:*'::tsquery, null, null, 100)`),
      frequencies: await queryRows(tx, sql`select * from app.kb_term_frequencies(${ws}::uuid, array['экран'])`),
      vocabulary: await queryRows(tx, sql`select * from kb_search_terms where workspace_id = ${ws}::uuid`),
    }));
    expect(rows).toEqual({ candidates: [], frequencies: [], vocabulary: [] });
  });

  it('returns nothing for a message with no searchable words', async () => {
    expect((await search('а что, как?')).results).toEqual([]);
    expect((await search('совершенно посторонний вопрос про погоду')).results).toEqual([]);
  });

  it('validates its input', async () => {
    await expect(search('   ')).rejects.toThrow();
    await expect(search('экран', { categoryIds: ['not-a-uuid'] })).rejects.toThrow();
    await expect(searchKnowledgeBase({ kind: 'user', userId: crypto.randomUUID() }, { query: 'экран' })).rejects.toThrow(/workspace/);
  });
});

describe('the search vocabulary (typo fixes and word weights)', () => {
  const drift = () =>
    db.query<{ n: number }>(
      `with actual as (
         select c.workspace_id, w.term, count(*)::int as ndoc
         from kb_chunks c
         cross join lateral (select distinct unnest(tsvector_to_array(to_tsvector('simple', c.title || ' ' || c.content))) as term) w
         where char_length(w.term) <= 64
         group by 1, 2)
       select count(*)::int as n from actual a full join kb_search_terms t using (workspace_id, term)
       where a.ndoc is distinct from t.ndoc
       union all
       select count(*)::int from (select workspace_id, count(*)::int as n from kb_chunks group by 1) a
         full join kb_search_stats s using (workspace_id) where a.n is distinct from s.chunks and coalesce(a.n, 0) + coalesce(s.chunks, 0) > 0`,
    );

  it('keeps exact word counts through concurrent saves, edits and deletes', async () => {
    expect((await drift()).map((r) => r.n)).toEqual([0, 0]);
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createArticle(ws, { title: `Параллельная статья ${i}`, content: `Общие слова экран аккумулятор гарантия, свое слово уникум${'а'.repeat(i + 1)}.` })),
    );
    await withActor(systemActor(ws), async (tx) => {
      await tx.execute(sql`update kb_chunks set content = content || ' добавка' where article_id = ${created[0]}`);
      await tx.execute(sql`delete from kb_articles where id = any(${`{${created.slice(1, 4).join(',')}}`}::int[])`);
    });
    expect((await drift()).map((r) => r.n)).toEqual([0, 0]);
    const [gone] = await db.query<{ n: number }>(`select count(*)::int as n from kb_search_terms where term = 'уникумаа'`);
    expect(gone.n).toBe(0);
  });
});

describe('searchArticlesForList', () => {
  let caller: WorkspaceCaller;
  beforeAll(async () => {
    const user = await registerUser();
    // The user's own workspace gets a copy of the screen article.
    await createArticle(user.workspaceId, { title: 'Замена экрана iPhone 13', content: 'Замена экрана iPhone 13 за час, оригинал и копия.' });
    await createArticle(user.workspaceId, { title: 'Гарантия', content: 'Гарантия на экран 6 месяцев, на аккумулятор 3 месяца.' });
    await createArticle(user.workspaceId, { title: 'Доставка', content: 'Курьер заберет телефон из офиса.', isActive: false });
    const [u] = await db.query<Record<string, unknown>>('select * from users where id = $1', [user.userId]);
    const [w] = await db.query<Record<string, unknown>>('select * from workspaces where id = $1', [user.workspaceId]);
    caller = {
      via: 'bearer',
      user: u as never,
      memberships: [],
      workspace: w as never,
      role: 'owner',
      actor: { kind: 'user', userId: user.userId, workspaceId: user.workspaceId, role: 'owner' },
    };
  });

  it('lists matches in the list shape, best first, with matched_by, snippet and score', async () => {
    const res = await searchArticlesForList(caller.actor, { search: 'экран', page: 1, limit: 10 });
    expect(res.articles.map((a) => a.title)).toEqual(['Замена экрана iPhone 13', 'Гарантия']);
    const [first] = res.articles;
    expect(Object.keys(first).sort()).toEqual(
      ['id', 'title', 'is_active', 'categories', 'category_ids', 'related_articles_count', 'files_count', 'usage_count', 'created_at', 'updated_at', 'matched_by', 'snippet', 'score'].sort(),
    );
    expect(first.matched_by).toEqual(['fulltext']);
    expect(first.snippet).toContain('**');
    expect(res.pagination).toEqual({ page: 1, limit: 10, total: 2, pages: 1 });
  });

  it('leaves out articles that match only a small part of a longer search', async () => {
    const res = await searchArticlesForList(caller.actor, { search: 'замена экрана iphone', page: 1, limit: 10 });
    expect(res.articles.map((a) => a.title)).toEqual(['Замена экрана iPhone 13']);
  });

  it('pages and honours is_active', async () => {
    const page2 = await searchArticlesForList(caller.actor, { search: 'экран', page: 2, limit: 1 });
    expect(page2.articles.map((a) => a.title)).toEqual(['Гарантия']);
    expect(page2.pagination).toEqual({ page: 2, limit: 1, total: 2, pages: 2 });
    const inactive = await searchArticlesForList(caller.actor, { search: 'курьер', page: 1, limit: 10, is_active: false });
    expect(inactive.articles.map((a) => a.title)).toEqual(['Доставка']);
    const active = await searchArticlesForList(caller.actor, { search: 'курьер', page: 1, limit: 10, is_active: true });
    expect(active.articles).toEqual([]);
  });
});
