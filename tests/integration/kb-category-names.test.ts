// Sibling category names are unique (case-insensitive) in the API and in the database,
// and a category's article count is the same number in the tree and in the article list.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createArticle, createCategory, type TestUser } from '../helpers/kb';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let B: TestUser;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Names A' });
  B = await registerUser({ company_name: 'Names B' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

const content = 'Article body long enough to pass validation.';

function expectNameTaken(res: { status: number; body: any }) {
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('category_name_taken');
  expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'name', code: 'category_name_taken' })]);
}

describe('sibling category names', () => {
  it('refuses a second root or child with the same name in any letter case, and allows it elsewhere', async () => {
    const prices = await createCategory(A.token, { name: 'Prices' });
    expectNameTaken(await api('POST', '/api/kb/categories', { token: A.token, body: { name: '  PRICES ' } }));
    const child = await createCategory(A.token, { name: 'Visas', parent_id: prices.id });
    expectNameTaken(await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'visas', parent_id: prices.id } }));
    // The same name under another parent, at the root, or in another workspace is fine.
    expect((await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'Visas' } })).status).toBe(201);
    expect((await api('POST', '/api/kb/categories', { token: B.token, body: { name: 'Prices' } })).status).toBe(201);
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from kb_categories where workspace_id = $1 and lower(name) = 'prices'`,
      [A.workspaceId],
    );
    expect(n).toBe(1);
    expect(child.parent_id).toBe(prices.id);
  });

  it('refuses a rename or a move onto a sibling’s name; renaming a category’s own letter case is fine', async () => {
    const root = await createCategory(A.token, { name: 'Rename root' });
    const a = await createCategory(A.token, { name: 'Alpha', parent_id: root.id });
    const b = await createCategory(A.token, { name: 'Beta', parent_id: root.id });
    expectNameTaken(await api('PATCH', `/api/kb/categories/${b.id}`, { token: A.token, body: { name: 'ALPHA' } }));
    const own = await api('PATCH', `/api/kb/categories/${a.id}`, { token: A.token, body: { name: 'ALPHA' } });
    expect(own.status).toBe(200);
    expect(own.body.category.name).toBe('ALPHA');
    // A root "Beta" cannot move under `root`, where a "Beta" already is.
    const rootBeta = await createCategory(A.token, { name: 'Beta' });
    expectNameTaken(await api('PATCH', `/api/kb/categories/${rootBeta.id}`, { token: A.token, body: { parent_id: root.id } }));
    expectNameTaken(
      await api('PATCH', `/api/kb/categories/${rootBeta.id}`, { token: A.token, body: { name: 'alpha', parent_id: root.id } }),
    );
    const moved = await api('PATCH', `/api/kb/categories/${rootBeta.id}`, { token: A.token, body: { name: 'Gamma', parent_id: root.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.category).toMatchObject({ name: 'Gamma', parent_id: root.id });
  });

  it('gives each duplicate of a category a free name', async () => {
    const src = await createCategory(A.token, { name: 'Copied' });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api('POST', `/api/kb/categories/${src.id}/duplicate`, { token: A.token });
      expect(res.status).toBe(201);
      names.push(res.body.category.name);
    }
    expect(names).toEqual(['Copied (копия)', 'Copied (копия 2)', 'Copied (копия 3)']);
  });

  it('the database refuses sibling duplicates written around the API', async () => {
    const parent = await createCategory(A.token, { name: 'Wall' });
    await expect(
      db.query(
        `insert into kb_categories (id, workspace_id, name, parent_id, path, level)
         select gen_random_uuid(), workspace_id, 'WALL', null, '/x/', 0 from kb_categories where id = $1`,
        [parent.id],
      ),
    ).rejects.toThrow(/kb_categories_sibling_name_key|duplicate key/);
  });

  it('the migration renames duplicates that existed before the index', async () => {
    const file = path.join(process.cwd(), 'supabase/migrations/20261127000700_kb_category_sibling_names.sql');
    const ws = B.workspaceId;
    await db.exec('drop index kb_categories_sibling_name_key');
    const ids: string[] = [];
    for (const [i, name] of ['Dup', 'dup', 'DUP', 'Dup (2)'].entries()) {
      const [row] = await db.query<{ id: string }>(
        `insert into kb_categories (workspace_id, name, path, level, created_at)
         values ($1, $2, '/', 0, now() + make_interval(secs => $3)) returning id`,
        [ws, name, i],
      );
      ids.push(row.id);
    }
    await db.exec(fs.readFileSync(file, 'utf8'));
    const rows = await db.query<{ id: string; name: string }>(`select id, name from kb_categories where id = any($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r.name]));
    expect(byId.get(ids[0])).toBe('Dup');
    expect(byId.get(ids[2])).toBe('DUP (3)');
    // "dup (2)" would clash with the existing "Dup (2)": it gets its id as suffix instead.
    expect(byId.get(ids[1])).toBe(`dup (${ids[1].slice(0, 8)})`);
    expect(byId.get(ids[3])).toBe('Dup (2)');
    expect(new Set(rows.map((r) => r.name.toLowerCase())).size).toBe(4);
  });
});

describe('a category’s article count', () => {
  it('is the same in the category tree and in the article list filtered by it', async () => {
    const root = await createCategory(A.token, { name: 'Counted' });
    const child = await createCategory(A.token, { name: 'Counted child', parent_id: root.id });
    const grandchild = await createCategory(A.token, { name: 'Counted grandchild', parent_id: child.id });
    await createArticle(A.token, { title: 'Only in the grandchild', content, categories: [grandchild.id] });
    await createArticle(A.token, { title: 'In the root and the child', content, categories: [root.id, child.id] });
    await createArticle(A.token, { title: 'Inactive in the child', content, categories: [child.id], is_active: false });

    const tree = await api('GET', '/api/kb/categories', { token: A.token });
    const shown = new Map<string, number>(tree.body.categories.map((c: any) => [c.id, c.articles_count_recursive]));
    const expected = { [root.id]: 3, [child.id]: 3, [grandchild.id]: 1 };
    for (const [id, count] of Object.entries(expected)) {
      const list = await api('GET', `/api/kb/articles?category_id=${id}&limit=100`, { token: A.token });
      expect(list.status).toBe(200);
      expect(list.body.pagination.total).toBe(count);
      expect(shown.get(id)).toBe(count);
    }
  });
});
