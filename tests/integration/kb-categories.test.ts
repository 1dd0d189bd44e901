// Knowledge-base categories: CRUD, the materialized-path tree, moves, the three
// delete modes, duplicates, roles and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { addMember, createArticle, createCategory, outboxEvents, type TestUser } from '../helpers/kb';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let B: TestUser;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Visas' });
  B = await registerUser({ company_name: 'B Visas' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

const content = 'Article body long enough to pass validation.';

async function categoryRow(id: string) {
  const [row] = await db.query<{ path: string; level: number; parent_id: string | null; name: string }>(
    'select path, level, parent_id, name from kb_categories where id = $1',
    [id],
  );
  return row;
}

describe('POST /api/kb/categories', () => {
  it('creates a root and a child with materialized path and level', async () => {
    const root = await api('POST', '/api/kb/categories', { token: A.token, body: { name: '  General ', description: 'All of it' } });
    expect(root.status).toBe(201);
    expect(root.body.category).toMatchObject({
      name: 'General',
      description: 'All of it',
      parent_id: null,
      level: 0,
      subcategories_count: 0,
      articles_count: 0,
      articles_count_recursive: 0,
    });
    const rootId = root.body.category.id;
    expect(root.body.category.path).toBe(`/${rootId}/`);
    const child = await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'Immigration', parent_id: rootId } });
    expect(child.status).toBe(201);
    expect(child.body.category).toMatchObject({ parent_id: rootId, level: 1, path: `/${rootId}/${child.body.category.id}/` });
    const [audit] = await db.query<{ action: string; entity_id: string }>(
      `select action, entity_id from audit_log where entity_type = 'kb_category' and entity_id = $1`,
      [child.body.category.id],
    );
    expect(audit.action).toBe('create_kb_category');
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: 'ok', parent_id: 'not-a-uuid' }, 'parent_id'],
    [{ name: 'ok', parent_id: 7 }, 'parent_id'],
    [{ name: 'ok', description: 5 }, 'description'],
  ])('400 names the bad field (%#)', async (body, field) => {
    const res = await api('POST', '/api/kb/categories', { token: A.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await api('POST', '/api/kb/categories', { token: A.token, body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it("422 for a parent that does not exist or is another workspace's", async () => {
    const bRoot = await createCategory(B.token, { name: 'B root' });
    for (const parent_id of [bRoot.id, crypto.randomUUID()]) {
      const res = await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'x', parent_id } });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_parent');
    }
  });

  it('allows levels 0..10 and refuses an eleventh nesting with 422', async () => {
    let parent = await createCategory(A.token, { name: 'L0' });
    for (let level = 1; level <= 10; level++) {
      parent = await createCategory(A.token, { name: `L${level}`, parent_id: parent.id });
      expect(parent.level).toBe(level);
    }
    const res = await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'L11', parent_id: parent.id } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('category_too_deep');
  });
});

describe('GET /api/kb/categories', () => {
  // A workspace of its own, so the counts below are exact.
  let tree: { root: string; mid: string; leaf: string; other: string };
  let treeUser: TestUser;
  const user = () => treeUser;

  beforeAll(async () => {
    const u = await registerUser();
    treeUser = u;
    const root = await createCategory(u.token, { name: 'Visas' });
    const mid = await createCategory(u.token, { name: 'Work visas', parent_id: root.id });
    const leaf = await createCategory(u.token, { name: 'H-1B', parent_id: mid.id });
    const other = await createCategory(u.token, { name: 'Asylum' });
    await createArticle(u.token, { title: 'Root article', content, categories: [root.id] });
    await createArticle(u.token, { title: 'Leaf article', content, categories: [leaf.id] });
    await createArticle(u.token, { title: 'Both', content, categories: [leaf.id, mid.id] });
    tree = { root: root.id, mid: mid.id, leaf: leaf.id, other: other.id };
  });

  it('without parent_id returns the whole tree flat, ordered by path, with counts', async () => {
    const res = await api('GET', '/api/kb/categories', { token: user().token });
    expect(res.status).toBe(200);
    const cats = res.body.categories as { id: string; path: string; level: number }[];
    expect(cats).toHaveLength(4);
    const paths = cats.map((c) => c.path);
    expect(paths).toEqual([...paths].sort());
    // Every child comes after its parent.
    for (const c of cats) {
      const parentPath = c.path.split('/').filter(Boolean).slice(0, -1);
      if (parentPath.length) expect(paths.indexOf(`/${parentPath.join('/')}/`)).toBeLessThan(paths.indexOf(c.path));
    }
    const byId = new Map(res.body.categories.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(tree.root)).toMatchObject({ subcategories_count: 1, articles_count: 1, articles_count_recursive: 3 });
    expect(byId.get(tree.mid)).toMatchObject({ subcategories_count: 1, articles_count: 1, articles_count_recursive: 2 });
    expect(byId.get(tree.leaf)).toMatchObject({ subcategories_count: 0, articles_count: 2, articles_count_recursive: 2 });
    expect(byId.get(tree.other)).toMatchObject({ subcategories_count: 0, articles_count: 0, articles_count_recursive: 0 });
  });

  it('parent_id=null returns the roots; parent_id=<id> the children', async () => {
    const roots = await api('GET', '/api/kb/categories', { token: user().token, query: { parent_id: 'null' } });
    expect(roots.body.categories.map((c: { name: string }) => c.name)).toEqual(['Asylum', 'Visas']);
    const kids = await api('GET', '/api/kb/categories', { token: user().token, query: { parent_id: tree.root } });
    expect(kids.body.categories.map((c: { id: string }) => c.id)).toEqual([tree.mid]);
  });

  it('400 for a malformed parent_id, 404 for one of another workspace', async () => {
    const bad = await api('GET', '/api/kb/categories', { token: user().token, query: { parent_id: 'abc' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('parent_id');
    const foreign = await api('GET', '/api/kb/categories', { token: B.token, query: { parent_id: tree.root } });
    expect(foreign.status).toBe(404);
  });

  it('GET /:id returns one category; 404 for unknown, malformed and foreign ids', async () => {
    const ok = await api('GET', `/api/kb/categories/${tree.mid}`, { token: user().token });
    expect(ok.status).toBe(200);
    expect(ok.body.category).toMatchObject({ id: tree.mid, name: 'Work visas', parent_id: tree.root, level: 1 });
    for (const id of [crypto.randomUUID(), 'nope', tree.mid]) {
      const res = await api('GET', `/api/kb/categories/${id}`, { token: id === tree.mid ? B.token : user().token });
      expect(res.status).toBe(404);
    }
  });
});

describe('PATCH /api/kb/categories/:id', () => {
  it('renames and describes', async () => {
    const c = await createCategory(A.token, { name: 'Old' });
    const res = await api('PATCH', `/api/kb/categories/${c.id}`, { token: A.token, body: { name: 'New', description: 'Desc' } });
    expect(res.status).toBe(200);
    expect(res.body.category).toMatchObject({ name: 'New', description: 'Desc', path: c.path, level: 0 });
    const [audit] = await db.query<{ old_values: unknown; new_values: unknown }>(
      `select old_values, new_values from audit_log where action = 'update_kb_category' and entity_id = $1`,
      [c.id],
    );
    expect(audit).toMatchObject({ old_values: { name: 'Old', description: null }, new_values: { name: 'New', description: 'Desc' } });
  });

  it.each([
    [{}, '(body)'],
    [{ name: '' }, 'name'],
    [{ parent_id: 'x' }, 'parent_id'],
  ])('400 for an invalid body (%#)', async (body, field) => {
    // Sibling names are unique: one category per case.
    const c = await createCategory(A.token, { name: `P ${JSON.stringify(body)}` });
    const res = await api('PATCH', `/api/kb/categories/${c.id}`, { token: A.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('moves a 3-level subtree: paths and levels of the category and all descendants follow', async () => {
    const top = await createCategory(A.token, { name: 'Top' });
    const a = await createCategory(A.token, { name: 'A', parent_id: top.id });
    const b = await createCategory(A.token, { name: 'B', parent_id: a.id });
    const c = await createCategory(A.token, { name: 'C', parent_id: b.id });
    const target = await createCategory(A.token, { name: 'Target' });
    const targetChild = await createCategory(A.token, { name: 'Target child', parent_id: target.id });

    const res = await api('PATCH', `/api/kb/categories/${a.id}`, { token: A.token, body: { parent_id: targetChild.id } });
    expect(res.status).toBe(200);
    expect(res.body.category).toMatchObject({ parent_id: targetChild.id, level: 2 });
    const base = `/${target.id}/${targetChild.id}/`;
    expect(await categoryRow(a.id)).toMatchObject({ path: `${base}${a.id}/`, level: 2, parent_id: targetChild.id });
    expect(await categoryRow(b.id)).toMatchObject({ path: `${base}${a.id}/${b.id}/`, level: 3, parent_id: a.id });
    expect(await categoryRow(c.id)).toMatchObject({ path: `${base}${a.id}/${b.id}/${c.id}/`, level: 4, parent_id: b.id });
    expect(await categoryRow(top.id)).toMatchObject({ path: `/${top.id}/`, level: 0 });

    // And back to the root.
    const toRoot = await api('PATCH', `/api/kb/categories/${a.id}`, { token: A.token, body: { parent_id: null } });
    expect(toRoot.status).toBe(200);
    expect(await categoryRow(a.id)).toMatchObject({ path: `/${a.id}/`, level: 0, parent_id: null });
    expect(await categoryRow(c.id)).toMatchObject({ path: `/${a.id}/${b.id}/${c.id}/`, level: 2 });
  });

  it('refuses to move a category into itself or its own subtree (422 category_cycle)', async () => {
    const a = await createCategory(A.token, { name: 'Cycle A' });
    const b = await createCategory(A.token, { name: 'Cycle B', parent_id: a.id });
    const c = await createCategory(A.token, { name: 'Cycle C', parent_id: b.id });
    for (const parent_id of [a.id, b.id, c.id]) {
      const res = await api('PATCH', `/api/kb/categories/${a.id}`, { token: A.token, body: { parent_id } });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('category_cycle');
    }
    expect(await categoryRow(a.id)).toMatchObject({ path: `/${a.id}/`, level: 0 });
  });

  it('two concurrent moves that together would form a cycle: one wins, one gets 422, the tree stays consistent', async () => {
    const x = await createCategory(A.token, { name: 'Race X' });
    const y = await createCategory(A.token, { name: 'Race Y' });
    const xChild = await createCategory(A.token, { name: 'Race X child', parent_id: x.id });
    const [r1, r2] = await Promise.all([
      api('PATCH', `/api/kb/categories/${x.id}`, { token: A.token, body: { parent_id: y.id } }),
      api('PATCH', `/api/kb/categories/${y.id}`, { token: A.token, body: { parent_id: xChild.id } }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 422]);
    const rows = await db.query<{ id: string; parent_id: string | null; path: string; level: number }>(
      'select id, parent_id, path, level from kb_categories where id = any($1::uuid[])',
      [[x.id, y.id, xChild.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      const parent = r.parent_id ? byId.get(r.parent_id)! : null;
      expect(r.path).toBe(`${parent?.path ?? '/'}${r.id}/`);
      expect(r.level).toBe(parent ? parent.level + 1 : 0);
    }
  });

  it('refuses a move that would nest deeper than level 10, and a foreign parent', async () => {
    let deep = await createCategory(A.token, { name: 'D0' });
    for (let i = 1; i <= 9; i++) deep = await createCategory(A.token, { name: `D${i}`, parent_id: deep.id });
    const sub = await createCategory(A.token, { name: 'Sub' });
    await createCategory(A.token, { name: 'Sub child', parent_id: sub.id });
    const res = await api('PATCH', `/api/kb/categories/${sub.id}`, { token: A.token, body: { parent_id: deep.id } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('category_too_deep');
    const bCat = await createCategory(B.token, { name: 'B only' });
    const foreign = await api('PATCH', `/api/kb/categories/${sub.id}`, { token: A.token, body: { parent_id: bCat.id } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('invalid_parent');
  });
});

describe('DELETE /api/kb/categories/:id', () => {
  let round = 0;
  async function setup() {
    // Root names are unique per workspace: each setup gets its own.
    round += 1;
    const parent = await createCategory(A.token, { name: `Parent ${round}` });
    const cat = await createCategory(A.token, { name: 'Doomed', parent_id: parent.id });
    const sub = await createCategory(A.token, { name: 'Doomed child', parent_id: cat.id });
    const elsewhere = await createCategory(A.token, { name: `Elsewhere ${round}` });
    const onlyHere = await createArticle(A.token, { title: 'Only here', content, categories: [cat.id] });
    const inSub = await createArticle(A.token, { title: 'In sub', content, categories: [sub.id] });
    const shared = await createArticle(A.token, { title: 'Shared', content, categories: [sub.id, elsewhere.id] });
    return { parent, cat, sub, elsewhere, onlyHere, inSub, shared };
  }
  const exists = async (table: string, id: string | number) =>
    (await db.query(`select 1 from ${table} where id = $1`, [id])).length === 1;
  const categoryIdsOf = async (articleId: number) =>
    (await db.query<{ category_id: string }>('select category_id from kb_article_categories where article_id = $1 order by category_id', [articleId])).map(
      (r) => r.category_id,
    );

  it('without a mode, a non-empty category is a 409 with counts; an empty one is deleted (204)', async () => {
    const s = await setup();
    const res = await api('DELETE', `/api/kb/categories/${s.cat.id}`, { token: A.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('category_not_empty');
    expect(res.body.error.details).toMatchObject({ articles_count: 3, articles_only_here_count: 2, subcategories_count: 1 });
    expect(await exists('kb_categories', s.cat.id)).toBe(true);

    const empty = await createCategory(A.token, { name: 'Empty' });
    const ok = await api('DELETE', `/api/kb/categories/${empty.id}`, { token: A.token });
    expect(ok.status).toBe(204);
    expect(await exists('kb_categories', empty.id)).toBe(false);

    const bad = await api('DELETE', `/api/kb/categories/${s.cat.id}`, { token: A.token, query: { articles: 'burn' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('articles');
  });

  it('move_to_parent re-files every article of the subtree under the parent', async () => {
    const s = await setup();
    const res = await api('DELETE', `/api/kb/categories/${s.cat.id}`, { token: A.token, query: { articles: 'move_to_parent' } });
    expect(res.status).toBe(200);
    expect(res.body.deleted_categories).toBe(2);
    expect(res.body.articles.moved_to_parent.sort()).toEqual([s.onlyHere.id, s.inSub.id, s.shared.id].sort());
    expect(await exists('kb_categories', s.cat.id)).toBe(false);
    expect(await exists('kb_categories', s.sub.id)).toBe(false);
    expect(await categoryIdsOf(s.onlyHere.id)).toEqual([s.parent.id]);
    expect(await categoryIdsOf(s.shared.id)).toEqual([s.parent.id, s.elsewhere.id].sort());
  });

  it('move_to_parent on a root category is a 422', async () => {
    const root = await createCategory(A.token, { name: 'Root with article' });
    await createArticle(A.token, { title: 'x', content, categories: [root.id] });
    const res = await api('DELETE', `/api/kb/categories/${root.id}`, { token: A.token, query: { articles: 'move_to_parent' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('no_parent_category');
    expect(await exists('kb_categories', root.id)).toBe(true);
  });

  it('detach keeps every article, reports those left without a category', async () => {
    const s = await setup();
    const res = await api('DELETE', `/api/kb/categories/${s.cat.id}`, { token: A.token, query: { articles: 'detach' } });
    expect(res.status).toBe(200);
    expect(res.body.articles.without_category.map((a: { id: number }) => a.id).sort()).toEqual([s.onlyHere.id, s.inSub.id].sort());
    expect(res.body.articles.without_category[0]).toHaveProperty('title');
    for (const a of [s.onlyHere, s.inSub, s.shared]) expect(await exists('kb_articles', a.id)).toBe(true);
    expect(await categoryIdsOf(s.onlyHere.id)).toEqual([]);
    expect(await categoryIdsOf(s.shared.id)).toEqual([s.elsewhere.id]);
  });

  it('delete removes the articles filed only in the subtree and keeps the shared one', async () => {
    const s = await setup();
    const res = await api('DELETE', `/api/kb/categories/${s.cat.id}`, { token: A.token, query: { articles: 'delete' } });
    expect(res.status).toBe(200);
    expect(res.body.articles.deleted.sort()).toEqual([s.onlyHere.id, s.inSub.id].sort());
    expect(await exists('kb_articles', s.onlyHere.id)).toBe(false);
    expect(await exists('kb_articles', s.inSub.id)).toBe(false);
    expect(await exists('kb_articles', s.shared.id)).toBe(true);
    expect(await categoryIdsOf(s.shared.id)).toEqual([s.elsewhere.id]);
    const events = await outboxEvents(db, A.workspaceId);
    for (const id of [s.onlyHere.id, s.inSub.id]) {
      expect(events).toContainEqual({ name: 'kb/article.deleted', data: { workspace_id: A.workspaceId, article_id: id } });
    }
    expect(events).not.toContainEqual({ name: 'kb/article.deleted', data: { workspace_id: A.workspaceId, article_id: s.shared.id } });
    const audits = await db.query(`select 1 from audit_log where action = 'delete_kb_article' and entity_id = $1`, [String(s.onlyHere.id)]);
    expect(audits).toHaveLength(1);
  });
});

describe('POST /api/kb/categories/:id/duplicate', () => {
  it('copies the category and its subtree beside the original, with article links', async () => {
    const parent = await createCategory(A.token, { name: 'Dup parent' });
    const cat = await createCategory(A.token, { name: 'Guides', description: 'How-tos', parent_id: parent.id });
    const child = await createCategory(A.token, { name: 'Guide child', parent_id: cat.id });
    const grandchild = await createCategory(A.token, { name: 'Guide grandchild', parent_id: child.id });
    const a1 = await createArticle(A.token, { title: 'In cat', content, categories: [cat.id] });
    const a2 = await createArticle(A.token, { title: 'In grandchild', content, categories: [grandchild.id] });

    const res = await api('POST', `/api/kb/categories/${cat.id}/duplicate`, { token: A.token });
    expect(res.status).toBe(201);
    const copy = res.body.category;
    expect(copy).toMatchObject({
      name: 'Guides (копия)',
      description: 'How-tos',
      parent_id: parent.id,
      level: 1,
      subcategories_count: 1,
      articles_count: 1,
      articles_count_recursive: 2,
    });
    expect(copy.id).not.toBe(cat.id);
    expect(copy.path).toBe(`/${parent.id}/${copy.id}/`);
    const rows = await db.query<{ id: string; name: string; path: string; level: number; parent_id: string }>(
      `select id, name, path, level, parent_id from kb_categories where path like $1 order by level`,
      [`${copy.path}%`],
    );
    expect(rows.map((r) => [r.name, r.level])).toEqual([
      ['Guides (копия)', 1],
      ['Guide child', 2],
      ['Guide grandchild', 3],
    ]);
    for (const r of rows.slice(1)) {
      const parentRow = rows.find((p) => p.id === r.parent_id)!;
      expect(r.path).toBe(`${parentRow.path}${r.id}/`);
      expect([child.id, grandchild.id]).not.toContain(r.id);
    }
    const links = await db.query<{ article_id: number; category_id: string }>(
      'select article_id, category_id from kb_article_categories where category_id = any($1::uuid[])',
      [rows.map((r) => r.id)],
    );
    expect(links.map((l) => [l.article_id, l.category_id]).sort()).toEqual(
      [
        [a1.id, copy.id],
        [a2.id, rows[2].id],
      ].sort(),
    );
    // The originals are untouched.
    expect(await categoryRow(cat.id)).toMatchObject({ name: 'Guides', path: `/${parent.id}/${cat.id}/` });
  });

  it('404 for an unknown or foreign category', async () => {
    const bCat = await createCategory(B.token, { name: 'B cat' });
    const res = await api('POST', `/api/kb/categories/${bCat.id}/duplicate`, { token: A.token });
    expect(res.status).toBe(404);
  });
});

describe('roles', () => {
  it('a viewer reads categories but every write is 403', async () => {
    const viewer = await addMember(db, A, 'viewer');
    const cat = await createCategory(A.token, { name: 'Read only' });
    const opts = { token: viewer.token, headers: viewer.headers };
    expect((await api('GET', '/api/kb/categories', opts)).status).toBe(200);
    expect((await api('GET', `/api/kb/categories/${cat.id}`, opts)).status).toBe(200);
    const writes = [
      await api('POST', '/api/kb/categories', { ...opts, body: { name: 'No' } }),
      await api('PATCH', `/api/kb/categories/${cat.id}`, { ...opts, body: { name: 'No' } }),
      await api('DELETE', `/api/kb/categories/${cat.id}`, opts),
      await api('POST', `/api/kb/categories/${cat.id}/duplicate`, opts),
    ];
    for (const w of writes) {
      expect(w.status).toBe(403);
      expect(w.body.error.code).toBe('forbidden');
    }
    expect(await categoryRow(cat.id)).toMatchObject({ name: 'Read only' });
  });

  it('a member can write', async () => {
    const member = await addMember(db, A, 'member');
    const res = await api('POST', '/api/kb/categories', { token: member.token, headers: member.headers, body: { name: 'By member' } });
    expect(res.status).toBe(201);
  });

  it('without a token every endpoint is 401', async () => {
    expect((await api('GET', '/api/kb/categories')).status).toBe(401);
    expect((await api('POST', '/api/kb/categories', { body: { name: 'x' } })).status).toBe(401);
  });
});
