// Knowledge-base articles: CRUD, validation, relations both ways, list filters,
// duplicate, toggle, usage counting, outbox events, roles and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { addMember, createArticle, createCategory, outboxEvents, type TestUser } from '../helpers/kb';
import { withActor } from '@/lib/db/actor';
import { recordArticleUsage } from '@/lib/kb/articles/record-usage';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let B: TestUser;
let cat: { id: string };
let cat2: { id: string };

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Shop' });
  B = await registerUser({ company_name: 'B Shop' });
  cat = await createCategory(A.token, { name: 'Delivery' });
  cat2 = await createCategory(A.token, { name: 'Returns' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

const content = 'We deliver across Almaty within two working days.';
const relationsOf = async (id: number) =>
  (await db.query<{ r: number }>('select related_article_id as r from kb_article_relations where article_id = $1 order by 1', [id])).map(
    (x) => x.r,
  );

describe('POST /api/kb/articles', () => {
  it('creates an article with categories and related articles; the relation shows both ways', async () => {
    const other = await createArticle(A.token, { title: 'Returns policy', content, categories: [cat2.id] });
    const res = await api('POST', '/api/kb/articles', {
      token: A.token,
      body: { title: ' Delivery times ', content, categories: [cat.id, cat2.id, cat.id], related_articles: [other.id] },
    });
    expect(res.status).toBe(201);
    const a = res.body.article;
    expect(a).toMatchObject({
      title: 'Delivery times',
      content,
      is_active: true,
      usage_count: 0,
      last_used_at: null,
      related_articles: [{ id: other.id, title: 'Returns policy' }],
      files: [],
    });
    expect(a.categories.map((c: { id: string }) => c.id).sort()).toEqual([cat.id, cat2.id].sort());
    expect(a.categories[0]).toHaveProperty('name');
    expect(typeof a.id).toBe('number');
    const back = await api('GET', `/api/kb/articles/${other.id}`, { token: A.token });
    expect(back.body.article.related_articles).toEqual([{ id: a.id, title: 'Delivery times' }]);
    const [audit] = await db.query<{ new_values: Record<string, unknown> }>(
      `select new_values from audit_log where action = 'create_kb_article' and entity_id = $1`,
      [String(a.id)],
    );
    expect(audit.new_values).toMatchObject({ title: 'Delivery times', content_length: content.length });
    const [{ content_hash }] = await db.query<{ content_hash: string }>('select content_hash from kb_articles where id = $1', [a.id]);
    expect(content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is_active can be false at creation', async () => {
    const a = await createArticle(A.token, { title: 'Draft', content, categories: [cat.id], is_active: false });
    expect(a.is_active).toBe(false);
  });

  it.each([
    [{ content, categories: ['c'] }, 'title'],
    [{ title: '', content, categories: ['c'] }, 'title'],
    [{ title: 'x'.repeat(501), content, categories: ['c'] }, 'title'],
    [{ title: 'T', categories: ['c'] }, 'content'],
    [{ title: 'T', content: 'too short', categories: ['c'] }, 'content'],
    [{ title: 'T', content: `${'x'.repeat(200_001)}`, categories: ['c'] }, 'content'],
    [{ title: 'T', content }, 'categories'],
    [{ title: 'T', content, categories: [] }, 'categories'],
    [{ title: 'T', content, categories: 'c' }, 'categories'],
    [{ title: 'T', content, categories: ['not-a-uuid'] }, 'categories.0'],
    [{ title: 'T', content, categories: ['c'], is_active: 'yes' }, 'is_active'],
    [{ title: 'T', content, categories: ['c'], related_articles: ['1'] }, 'related_articles.0'],
    [{ title: 'T', content, categories: ['c'], related_articles: [1.5] }, 'related_articles.0'],
    [{ title: 'T', content, categories: ['c'], related_articles: [0] }, 'related_articles.0'],
  ])('400 names the bad field (%#)', async (body, field) => {
    const fixed = { ...body } as Record<string, unknown>;
    if (Array.isArray(fixed.categories) && fixed.categories[0] === 'c') fixed.categories = [cat.id];
    const res = await api('POST', '/api/kb/articles', { token: A.token, body: fixed });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.error.message).toContain(field.split('.')[0]);
  });

  it('422 names category ids that are unknown or belong to another workspace', async () => {
    const bCat = await createCategory(B.token, { name: 'B category' });
    const ghost = crypto.randomUUID();
    const res = await api('POST', '/api/kb/articles', { token: A.token, body: { title: 'T', content, categories: [cat.id, bCat.id, ghost] } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_categories');
    expect(res.body.error.details.invalid_ids.sort()).toEqual([bCat.id, ghost].sort());
    expect(res.body.error.message).toContain(bCat.id);
  });

  it("422 names related article ids that are unknown or another workspace's", async () => {
    const bCat = await createCategory(B.token, { name: 'B cat 2' });
    const bArticle = await createArticle(B.token, { title: 'B article', content, categories: [bCat.id] });
    const res = await api('POST', '/api/kb/articles', {
      token: A.token,
      body: { title: 'T', content, categories: [cat.id], related_articles: [bArticle.id, 999999] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_related_articles');
    expect(res.body.error.details.invalid_ids.sort()).toEqual([bArticle.id, 999999].sort());
  });
});

describe('GET /api/kb/articles/:id', () => {
  it('returns the article; 404 for unknown, malformed, out-of-range and foreign ids', async () => {
    const a = await createArticle(A.token, { title: 'Get me', content, categories: [cat.id] });
    const ok = await api('GET', `/api/kb/articles/${a.id}`, { token: A.token });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.article).sort()).toEqual(
      ['categories', 'content', 'created_at', 'files', 'id', 'is_active', 'last_used_at', 'related_articles', 'title', 'updated_at', 'usage_count'].sort(),
    );
    for (const [id, token] of [
      ['999999', A.token],
      ['abc', A.token],
      ['-1', A.token],
      ['99999999999', A.token],
      [String(a.id), B.token],
    ]) {
      const res = await api('GET', `/api/kb/articles/${id}`, { token });
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe('PATCH /api/kb/articles/:id', () => {
  it('updates only what is sent; categories and related articles replace the set', async () => {
    const r1 = await createArticle(A.token, { title: 'R1', content, categories: [cat.id] });
    const r2 = await createArticle(A.token, { title: 'R2', content, categories: [cat.id] });
    const a = await createArticle(A.token, { title: 'Patch me', content, categories: [cat.id], related_articles: [r1.id] });

    const t = await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { title: 'Patched' } });
    expect(t.status).toBe(200);
    expect(t.body.article).toMatchObject({ title: 'Patched', content, is_active: true, related_articles: [{ id: r1.id, title: 'R1' }] });

    const links = await api('PATCH', `/api/kb/articles/${a.id}`, {
      token: A.token,
      body: { categories: [cat2.id], related_articles: [r2.id] },
    });
    expect(links.status).toBe(200);
    expect(links.body.article.categories).toEqual([{ id: cat2.id, name: 'Returns' }]);
    expect(links.body.article.related_articles).toEqual([{ id: r2.id, title: 'R2' }]);
    // The old relation is gone in both directions, the new one exists in both.
    expect(await relationsOf(r1.id)).toEqual([]);
    expect(await relationsOf(r2.id)).toEqual([a.id]);
    expect(await relationsOf(a.id)).toEqual([r2.id]);

    const cleared = await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { related_articles: [] } });
    expect(cleared.body.article.related_articles).toEqual([]);
    expect(await relationsOf(r2.id)).toEqual([]);

    const [audit] = await db.query<{ old_values: unknown; new_values: unknown }>(
      `select old_values, new_values from audit_log where action = 'update_kb_article' and entity_id = $1 order by created_at limit 1`,
      [String(a.id)],
    );
    expect(audit).toMatchObject({ old_values: { title: 'Patch me' }, new_values: { title: 'Patched' } });
  });

  it('refuses a self-relation with a 400 naming related_articles', async () => {
    const a = await createArticle(A.token, { title: 'Self', content, categories: [cat.id] });
    const res = await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { related_articles: [a.id] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ field: 'related_articles' });
    expect(await relationsOf(a.id)).toEqual([]);
  });

  it.each([
    [{}, '(body)'],
    [{ title: '' }, 'title'],
    [{ content: 'short' }, 'content'],
    [{ categories: [] }, 'categories'],
    [{ is_active: 1 }, 'is_active'],
  ])('400 for an invalid patch (%#)', async (body, field) => {
    const a = await createArticle(A.token, { title: 'Invalid patch', content, categories: [cat.id] });
    const res = await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('422 for foreign categories in a patch, 404 for a foreign article', async () => {
    const a = await createArticle(A.token, { title: 'Foreign patch', content, categories: [cat.id] });
    const bCat = await createCategory(B.token, { name: 'B patch cat' });
    const res = await api('PATCH', `/api/kb/articles/${a.id}`, { token: A.token, body: { categories: [bCat.id] } });
    expect(res.status).toBe(422);
    const foreign = await api('PATCH', `/api/kb/articles/${a.id}`, { token: B.token, body: { title: 'hacked' } });
    expect(foreign.status).toBe(404);
  });
});

describe('toggle, delete, duplicate', () => {
  it('PATCH /toggle flips is_active each time', async () => {
    const a = await createArticle(A.token, { title: 'Toggle', content, categories: [cat.id] });
    const off = await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: A.token });
    expect(off.status).toBe(200);
    expect(off.body.article.is_active).toBe(false);
    const on = await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: A.token });
    expect(on.body.article.is_active).toBe(true);
    expect((await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: B.token })).status).toBe(404);
  });

  it('PATCH /toggle with is_active sets that value, so a repeated click cannot flip it back', async () => {
    const a = await createArticle(A.token, { title: 'Toggle explicit', content, categories: [cat.id] });
    for (let i = 0; i < 2; i++) {
      const off = await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: A.token, body: { is_active: false } });
      expect(off.status).toBe(200);
      expect(off.body.article.is_active).toBe(false);
    }
    const bad = await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: A.token, body: { is_active: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('is_active');
  });

  it('DELETE removes the article and its relations both ways (204, then 404)', async () => {
    const r = await createArticle(A.token, { title: 'Stays', content, categories: [cat.id] });
    const a = await createArticle(A.token, { title: 'Goes', content, categories: [cat.id], related_articles: [r.id] });
    expect((await api('DELETE', `/api/kb/articles/${a.id}`, { token: B.token })).status).toBe(404);
    const del = await api('DELETE', `/api/kb/articles/${a.id}`, { token: A.token });
    expect(del.status).toBe(204);
    expect(del.body).toBeNull();
    expect((await api('GET', `/api/kb/articles/${a.id}`, { token: A.token })).status).toBe(404);
    expect((await api('DELETE', `/api/kb/articles/${a.id}`, { token: A.token })).status).toBe(404);
    expect(await relationsOf(r.id)).toEqual([]);
    expect(await db.query('select 1 from kb_chunks where article_id = $1', [a.id])).toEqual([]);
  });

  it('POST /duplicate copies title (копия), content, state, categories and relations both ways', async () => {
    const r = await createArticle(A.token, { title: 'Related', content, categories: [cat.id] });
    const a = await createArticle(A.token, {
      title: 'Original',
      content,
      categories: [cat.id, cat2.id],
      related_articles: [r.id],
      is_active: false,
    });
    const res = await api('POST', `/api/kb/articles/${a.id}/duplicate`, { token: A.token });
    expect(res.status).toBe(201);
    const copy = res.body.article;
    expect(copy.id).not.toBe(a.id);
    expect(copy).toMatchObject({ title: 'Original (копия)', content, is_active: false, related_articles: [{ id: r.id, title: 'Related' }] });
    expect(copy.categories.map((c: { id: string }) => c.id).sort()).toEqual([cat.id, cat2.id].sort());
    expect(await relationsOf(r.id)).toEqual([a.id, copy.id].sort((x, y) => x - y));
    expect((await api('POST', `/api/kb/articles/${a.id}/duplicate`, { token: B.token })).status).toBe(404);
  });

  it('a 500-character title still fits after duplication', async () => {
    const a = await createArticle(A.token, { title: 'я'.repeat(500), content, categories: [cat.id] });
    const res = await api('POST', `/api/kb/articles/${a.id}/duplicate`, { token: A.token });
    expect(res.status).toBe(201);
    expect(res.body.article.title).toHaveLength(500);
    expect(res.body.article.title.endsWith(' (копия)')).toBe(true);
  });
});

describe('GET /api/kb/articles', () => {
  let u: TestUser;
  let root: { id: string };
  let child: { id: string };
  let other: { id: string };
  let ids: Record<string, number>;

  beforeAll(async () => {
    u = await registerUser();
    root = await createCategory(u.token, { name: 'Root' });
    child = await createCategory(u.token, { name: 'Child', parent_id: root.id });
    other = await createCategory(u.token, { name: 'Other' });
    const inRoot = await createArticle(u.token, { title: 'In root', content, categories: [root.id] });
    const inChild = await createArticle(u.token, { title: 'In child', content, categories: [child.id, other.id], related_articles: [inRoot.id] });
    const inOther = await createArticle(u.token, { title: 'In other', content, categories: [other.id], is_active: false });
    ids = { inRoot: inRoot.id, inChild: inChild.id, inOther: inOther.id };
  });

  it('returns the seed shape with pagination, newest edit first', async () => {
    const res = await api('GET', '/api/kb/articles', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ page: 1, limit: 10, total: 3, pages: 1 });
    expect(res.body.articles.map((a: { id: number }) => a.id)).toEqual([ids.inOther, ids.inChild, ids.inRoot]);
    const item = res.body.articles.find((a: { id: number }) => a.id === ids.inChild);
    expect(item).toEqual({
      id: ids.inChild,
      title: 'In child',
      is_active: true,
      categories: ['Child', 'Other'],
      category_ids: [child.id, other.id],
      related_articles_count: 1,
      files_count: 0,
      usage_count: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(res.body.articles.find((a: { id: number }) => a.id === ids.inRoot).related_articles_count).toBe(1);
  });

  it('pages', async () => {
    const p2 = await api('GET', '/api/kb/articles', { token: u.token, query: { page: 2, limit: 2 } });
    expect(p2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, pages: 2 });
    expect(p2.body.articles.map((a: { id: number }) => a.id)).toEqual([ids.inRoot]);
  });

  it('category_id includes the articles of its subcategories', async () => {
    const byRoot = await api('GET', '/api/kb/articles', { token: u.token, query: { category_id: root.id } });
    expect(byRoot.body.articles.map((a: { id: number }) => a.id).sort()).toEqual([ids.inRoot, ids.inChild].sort());
    const byChild = await api('GET', '/api/kb/articles', { token: u.token, query: { category_id: child.id } });
    expect(byChild.body.articles.map((a: { id: number }) => a.id)).toEqual([ids.inChild]);
  });

  it('filters by is_active', async () => {
    const inactive = await api('GET', '/api/kb/articles', { token: u.token, query: { is_active: 'false' } });
    expect(inactive.body.articles.map((a: { id: number }) => a.id)).toEqual([ids.inOther]);
    const active = await api('GET', '/api/kb/articles', { token: u.token, query: { is_active: 'true', category_id: other.id } });
    expect(active.body.articles.map((a: { id: number }) => a.id)).toEqual([ids.inChild]);
  });

  it.each([
    [{ limit: 101 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ page: 0 }, 'page'],
    [{ page: 'x' }, 'page'],
    [{ is_active: 'maybe' }, 'is_active'],
    [{ category_id: 'nope' }, 'category_id'],
  ])('400 for a bad query (%#)', async (query, field) => {
    const res = await api('GET', '/api/kb/articles', { token: u.token, query });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('with search, delegates to the knowledge-base search: best match first, same shape plus matched_by and snippet', async () => {
    const s = await registerUser();
    const c = await createCategory(s.token, { name: 'Сервис' });
    const sub = await createCategory(s.token, { name: 'Ноутбуки', parent_id: c.id });
    const hit = await createArticle(s.token, {
      title: 'Гарантия на ноутбуки',
      content: 'Гарантия на ноутбуки составляет два года с момента покупки.',
      categories: [sub.id],
    });
    await createArticle(s.token, { title: 'Доставка', content: 'Доставка по городу бесплатна при заказе от пяти тысяч.', categories: [c.id] });
    const res = await api('GET', '/api/kb/articles', { token: s.token, query: { search: 'гарантия', category_id: c.id } });
    expect(res.status).toBe(200);
    expect(res.body.articles.map((a: { id: number }) => a.id)).toEqual([hit.id]);
    expect(res.body.articles[0]).toMatchObject({
      id: hit.id,
      title: 'Гарантия на ноутбуки',
      categories: ['Ноутбуки'],
      category_ids: [sub.id],
      files_count: 0,
      matched_by: expect.any(Array),
      snippet: expect.any(String),
    });
    expect(res.body.pagination).toMatchObject({ page: 1, total: 1 });
    const foreign = await api('GET', '/api/kb/articles', { token: B.token, query: { search: 'гарантия', category_id: c.id } });
    expect(foreign.status).toBe(404);
    const empty = await api('GET', '/api/kb/articles', { token: s.token, query: { search: '   ' } });
    expect(empty.body.articles).toHaveLength(2); // a blank search is no search
  });

  it("another workspace's category filter is a 404 and its list is its own", async () => {
    const res = await api('GET', '/api/kb/articles', { token: B.token, query: { category_id: root.id } });
    expect(res.status).toBe(404);
    const list = await api('GET', '/api/kb/articles', { token: B.token });
    expect(list.body.articles.map((a: { id: number }) => a.id)).not.toContain(ids.inRoot);
  });
});

describe('usage, events and roles', () => {
  it('recordArticleUsage counts uses and stamps last_used_at, within the actor workspace only', async () => {
    const a = await createArticle(A.token, { title: 'Used', content, categories: [cat.id] });
    const bCat = await createCategory(B.token, { name: 'B usage' });
    const b = await createArticle(B.token, { title: 'B used', content, categories: [bCat.id] });
    const actor = { kind: 'system' as const, name: 'agent-runtime', workspaceId: A.workspaceId };
    await withActor(actor, (tx) => recordArticleUsage(tx, [a.id, a.id, b.id]));
    await withActor(actor, (tx) => recordArticleUsage(tx, [a.id]));
    const [row] = await db.query<{ usage_count: number; last_used_at: Date | null }>('select usage_count, last_used_at from kb_articles where id = $1', [a.id]);
    expect(row.usage_count).toBe(2);
    expect(row.last_used_at).not.toBeNull();
    const [bRow] = await db.query<{ usage_count: number }>('select usage_count from kb_articles where id = $1', [b.id]);
    expect(bRow.usage_count).toBe(0);
    const res = await api('GET', `/api/kb/articles/${a.id}`, { token: A.token });
    expect(res.body.article.usage_count).toBe(2);
  });

  it('writes outbox events for saves and deletes, in the same transaction as the change', async () => {
    const u = await registerUser();
    const c = await createCategory(u.token, { name: 'Events' });
    const a = await createArticle(u.token, { title: 'Evented', content, categories: [c.id] });
    await api('PATCH', `/api/kb/articles/${a.id}`, { token: u.token, body: { content: `${content} Updated.` } });
    await api('PATCH', `/api/kb/articles/${a.id}`, { token: u.token, body: { categories: [c.id] } }); // unchanged: no event
    await api('PATCH', `/api/kb/articles/${a.id}/toggle`, { token: u.token });
    const copy = (await api('POST', `/api/kb/articles/${a.id}/duplicate`, { token: u.token })).body.article;
    await api('DELETE', `/api/kb/articles/${a.id}`, { token: u.token });
    // A refused change writes nothing.
    await api('PATCH', `/api/kb/articles/${copy.id}`, { token: u.token, body: { related_articles: [copy.id] } });
    const events = (await outboxEvents(db, u.workspaceId)).map((e) => [e.name, e.data.article_id]);
    expect(events).toEqual([
      ['kb/article.saved', a.id],
      ['kb/article.saved', a.id],
      ['kb/article.saved', a.id],
      ['kb/article.saved', copy.id],
      ['kb/article.deleted', a.id],
    ]);
  });

  it('a viewer reads articles but every write is 403', async () => {
    const viewer = await addMember(db, A, 'viewer');
    const a = await createArticle(A.token, { title: 'Viewer sees', content, categories: [cat.id] });
    const opts = { token: viewer.token, headers: viewer.headers };
    expect((await api('GET', '/api/kb/articles', opts)).status).toBe(200);
    expect((await api('GET', `/api/kb/articles/${a.id}`, opts)).status).toBe(200);
    const writes = [
      await api('POST', '/api/kb/articles', { ...opts, body: { title: 'No', content, categories: [cat.id] } }),
      await api('PATCH', `/api/kb/articles/${a.id}`, { ...opts, body: { title: 'No' } }),
      await api('PATCH', `/api/kb/articles/${a.id}/toggle`, opts),
      await api('POST', `/api/kb/articles/${a.id}/duplicate`, opts),
      await api('DELETE', `/api/kb/articles/${a.id}`, opts),
    ];
    for (const w of writes) expect(w.status).toBe(403);
    const [row] = await db.query<{ title: string; is_active: boolean }>('select title, is_active from kb_articles where id = $1', [a.id]);
    expect(row).toEqual({ title: 'Viewer sees', is_active: true });
  });
});
