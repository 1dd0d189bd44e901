// Knowledge-base tenant isolation: through every API endpoint and through SQL as the
// authenticated role, for every kb table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { buildPdf, createArticle, createCategory, fileForm, type TestUser } from '../helpers/kb';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let B: TestUser;
let aCat: { id: string };
let aChild: { id: string };
let aArticle: { id: number };
let aRelated: { id: number };
let aFile: { id: string; download_url: string };
let bCat: { id: string };
let bArticle: { id: number };

const content = 'Only workspace A may ever read this paragraph.';

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Tenant' });
  B = await registerUser({ company_name: 'B Tenant' });
  aCat = await createCategory(A.token, { name: 'A secrets' });
  aChild = await createCategory(A.token, { name: 'A child', parent_id: aCat.id });
  aRelated = await createArticle(A.token, { title: 'A related', content, categories: [aCat.id] });
  aArticle = await createArticle(A.token, { title: 'A article', content, categories: [aChild.id], related_articles: [aRelated.id] });
  const up = await api('POST', `/api/kb/articles/${aArticle.id}/files`, {
    token: A.token,
    form: fileForm([{ name: 'a.pdf', bytes: buildPdf('A confidential price list') }]),
  });
  aFile = up.body.files[0];
  bCat = await createCategory(B.token, { name: 'B own' });
  bArticle = await createArticle(B.token, { title: 'B article', content: 'B content that is long enough.', categories: [bCat.id] });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

describe('through the API, B never reaches A', () => {
  const calls = (): [string, string, Record<string, unknown>?][] => [
    ['GET', `/api/kb/categories/${aCat.id}`],
    ['PATCH', `/api/kb/categories/${aCat.id}`, { body: { name: 'hacked' } }],
    ['DELETE', `/api/kb/categories/${aCat.id}`, { query: { articles: 'delete' } }],
    ['POST', `/api/kb/categories/${aCat.id}/duplicate`],
    ['GET', '/api/kb/categories', { query: { parent_id: aCat.id } }],
    ['GET', '/api/kb/articles', { query: { category_id: aCat.id } }],
    ['GET', `/api/kb/articles/${aArticle.id}`],
    ['PATCH', `/api/kb/articles/${aArticle.id}`, { body: { title: 'hacked' } }],
    ['DELETE', `/api/kb/articles/${aArticle.id}`],
    ['POST', `/api/kb/articles/${aArticle.id}/duplicate`],
    ['PATCH', `/api/kb/articles/${aArticle.id}/toggle`],
    ['POST', `/api/kb/articles/${aArticle.id}/files`, { form: fileForm([{ name: 'x.txt', bytes: 'intruder text' }]) }],
    ['DELETE', `/api/kb/articles/${aArticle.id}/files/${aFile.id}`],
    ['GET', `/api/kb/articles/${aArticle.id}/files/${aFile.id}/download`],
    // A's file under B's own article id is not B's either.
    ['GET', `/api/kb/articles/${bArticle.id}/files/${aFile.id}/download`],
    ['DELETE', `/api/kb/articles/${bArticle.id}/files/${aFile.id}`],
  ];

  it.each(Array.from({ length: 16 }, (_, i) => i))('call %i is a 404', async (i) => {
    const [method, path, opts] = calls()[i];
    const res = await api(method, path, { token: B.token, ...(opts as object) });
    expect(res.status, `${method} ${path}`).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it("B's lists hold none of A's records", async () => {
    const cats = await api('GET', '/api/kb/categories', { token: B.token });
    expect(cats.body.categories.map((c: { id: string }) => c.id)).toEqual([bCat.id]);
    const arts = await api('GET', '/api/kb/articles', { token: B.token });
    expect(arts.body.articles.map((a: { id: number }) => a.id)).toEqual([bArticle.id]);
  });

  it("B cannot file, relate or nest under A's records (422 naming them)", async () => {
    const withCat = await api('POST', '/api/kb/articles', { token: B.token, body: { title: 'x', content, categories: [aCat.id] } });
    expect(withCat.status).toBe(422);
    expect(withCat.body.error.details.invalid_ids).toEqual([aCat.id]);
    const withRel = await api('PATCH', `/api/kb/articles/${bArticle.id}`, { token: B.token, body: { related_articles: [aArticle.id] } });
    expect(withRel.status).toBe(422);
    expect(withRel.body.error.details.invalid_ids).toEqual([aArticle.id]);
    const nested = await api('POST', '/api/kb/categories', { token: B.token, body: { name: 'x', parent_id: aCat.id } });
    expect(nested.status).toBe(422);
    const moved = await api('PATCH', `/api/kb/categories/${bCat.id}`, { token: B.token, body: { parent_id: aCat.id } });
    expect(moved.status).toBe(422);
  });

  it("the generic file route refuses B for A's stored key", async () => {
    const [{ file_url }] = await db.query<{ file_url: string }>('select file_url from kb_article_files where id = $1', [aFile.id]);
    expect((await api('GET', `/api/files/${file_url}`, { token: B.token })).status).toBe(404);
    expect((await api('GET', `/api/files/${file_url}`, { token: A.token })).status).toBe(200);
  });

  it("after all that, A's data is intact", async () => {
    const res = await api('GET', `/api/kb/articles/${aArticle.id}`, { token: A.token });
    expect(res.body.article).toMatchObject({ title: 'A article', is_active: true, related_articles: [{ id: aRelated.id, title: 'A related' }] });
    expect(res.body.article.files).toHaveLength(1);
    const cat = await api('GET', `/api/kb/categories/${aCat.id}`, { token: A.token });
    expect(cat.body.category.name).toBe('A secrets');
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from kb_articles where workspace_id = $1', [A.workspaceId]);
    expect(n).toBe(2);
  });
});

describe('through SQL as the authenticated role with B claims', () => {
  const claimsB = () => ({ sub: B.userId, role: 'authenticated', workspace_id: B.workspaceId });
  const tables = ['kb_categories', 'kb_articles', 'kb_article_categories', 'kb_article_relations', 'kb_article_files', 'kb_chunks'];

  it.each(tables)("A's rows in %s are invisible", async (table) => {
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n, `the superuser sees A's ${table}`).toBeGreaterThan(0);
    const visible = await asAuthenticated(db, claimsB(), (q) => q(`select * from ${table} where workspace_id = $1`, [A.workspaceId]));
    expect(visible).toEqual([]);
    const own = await asAuthenticated(db, claimsB(), (q) => q(`select workspace_id from ${table}`));
    expect(own.every((r) => r.workspace_id === B.workspaceId)).toBe(true);
  });

  // $1 = A's workspace, $2 = A's article, $3 = A's category or the related article.
  const inserts: [string, string, () => unknown[]][] = [
    ['kb_categories', `insert into kb_categories (workspace_id, name, path) values ($1, 'x', '/x/')`, () => [A.workspaceId]],
    ['kb_articles', `insert into kb_articles (workspace_id, title, content) values ($1, 'x', 'xxxxxxxxxxxx')`, () => [A.workspaceId]],
    [
      'kb_article_categories',
      `insert into kb_article_categories (workspace_id, article_id, category_id) values ($1, $2, $3)`,
      () => [A.workspaceId, bArticle.id, aCat.id],
    ],
    [
      'kb_article_relations',
      `insert into kb_article_relations (workspace_id, article_id, related_article_id) values ($1, $2, $3)`,
      () => [A.workspaceId, bArticle.id, aArticle.id],
    ],
    [
      'kb_article_files',
      `insert into kb_article_files (workspace_id, article_id, file_name, file_type, file_url) values ($1, $2, 'x', 'text/plain', 'x')`,
      () => [A.workspaceId, aArticle.id],
    ],
    [
      'kb_chunks',
      `insert into kb_chunks (workspace_id, article_id, chunk_index, title, content, content_hash) values ($1, $2, 99, 'x', 'x', 'x')`,
      () => [A.workspaceId, aArticle.id],
    ],
  ];
  it.each(inserts)("an INSERT into %s carrying A's workspace_id is refused", async (_table, statement, params) => {
    await expect(asAuthenticated(db, claimsB(), (q) => q(statement, params()))).rejects.toThrow(/row-level security/);
  });

  it.each(tables)("UPDATE and DELETE of A's rows in %s change nothing", async (table) => {
    const changed = await asAuthenticated(db, claimsB(), async (q) => [
      ...(await q(`update ${table} set created_at = created_at where workspace_id = $1 returning 1`, [A.workspaceId])),
      ...(await q(`delete from ${table} where workspace_id = $1 returning 1`, [A.workspaceId])),
    ]);
    expect(changed).toEqual([]);
  });

  // B's own rows (B's workspace_id, so RLS allows them) must still not point at A's records.
  const crossLinks: [string, string, () => unknown[]][] = [
    ['a category under A', `insert into kb_categories (workspace_id, name, parent_id, path, level) values ($1, 'x', $2, '/x/', 1)`, () => [B.workspaceId, aCat.id]],
    ['a link to A\'s category', `insert into kb_article_categories (workspace_id, article_id, category_id) values ($1, $2, $3)`, () => [B.workspaceId, bArticle.id, aCat.id]],
    ['a relation to A\'s article', `insert into kb_article_relations (workspace_id, article_id, related_article_id) values ($1, $2, $3)`, () => [B.workspaceId, bArticle.id, aArticle.id]],
    ['a file on A\'s article', `insert into kb_article_files (workspace_id, article_id, file_name, file_type, file_url) values ($1, $2, 'x', 'text/plain', 'x')`, () => [B.workspaceId, aArticle.id]],
    ['a chunk of A\'s article', `insert into kb_chunks (workspace_id, article_id, chunk_index, title, content, content_hash) values ($1, $2, 98, 'x', 'x', 'x')`, () => [B.workspaceId, aArticle.id]],
  ];
  it.each(crossLinks)('B cannot create %s even in its own workspace', async (_what, statement, params) => {
    await expect(asAuthenticated(db, claimsB(), (q) => q(statement, params()))).rejects.toThrow(/foreign key/);
  });

  it("B cannot move its own rows into A's workspace", async () => {
    await expect(
      asAuthenticated(db, claimsB(), (q) => q('update kb_articles set workspace_id = $1 where id = $2', [A.workspaceId, bArticle.id])),
    ).rejects.toThrow(/row-level security/);
  });

  it('a viewer of A sees A rows but cannot write them', async () => {
    const viewer = await registerUser();
    await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'viewer')`, [A.workspaceId, viewer.userId]);
    const claims = { sub: viewer.userId, role: 'authenticated', workspace_id: A.workspaceId };
    const seen = await asAuthenticated(db, claims, (q) => q('select id from kb_articles'));
    expect(seen).toHaveLength(2);
    const updated = await asAuthenticated(db, claims, (q) => q(`update kb_articles set title = 'v' returning id`));
    expect(updated).toEqual([]);
    await expect(asAuthenticated(db, claims, (q) => q(inserts[1][1], inserts[1][2]()))).rejects.toThrow(/row-level security/);
  });
});
