// A workspace's own synonyms (issue 8): CRUD with roles, 409 synonym_exists and audit, and the
// point of them — a customer's word the knowledge base never uses finds the article only once
// the owner says what it means, in the runtime's search and the knowledge-base list search
// alike, and stops doing so when the synonym is removed (the per-workspace cache is dropped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor } from '@/lib/db/actor';
import { searchKnowledgeBase } from '@/lib/kb/search/search-knowledge-base';
import { addMember, auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let viewer: Awaited<ReturnType<typeof addMember>>;
let wisdomId: number;

async function article(user: TestUser, category: string, title: string, content: string): Promise<number> {
  const res = await api('POST', '/api/kb/articles', { token: user.token, body: { title, content, categories: [category] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.article.id;
}

const QUERY = 'Здравствуйте, почём вырвать восьмерку?';
const runtimeFinds = async (ws: string) =>
  (await searchKnowledgeBase(systemActor('agent-runtime', ws), { query: QUERY, limit: 5 })).results.map((r) => r.id);
const listFinds = async (user: TestUser) =>
  (await api('GET', '/api/kb/articles', { token: user.token, query: { search: QUERY } })).body.articles.map((a: { id: number }) => a.id);

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Дентал' });
  B = await registerUser({ company_name: 'Другая клиника' });
  viewer = await addMember(db, A, 'viewer');
  const cat = (await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'Хирургия' } })).body.category.id;
  wisdomId = await article(A, cat, 'Удаление зуба мудрости', 'Удаляем зубы мудрости: простое удаление 30 000 ₸, сложное (зуб лежит в кости) 50 000 ₸. Нужен снимок.');
  await article(A, cat, 'Отбеливание', 'Кабинетное отбеливание ZOOM 4 за одно посещение, 85 000 ₸, эффект на 1-3 года.');
});
afterAll(teardownTestDatabase);

describe('synonyms', () => {
  let id: string;

  it("the owner's word finds the article only after the synonym is added, and not after it is removed", async () => {
    expect(await runtimeFinds(A.workspaceId)).not.toContain(wisdomId);
    expect(await listFinds(A)).not.toContain(wisdomId);

    const created = await api('POST', '/api/kb/synonyms', { token: A.token, body: { term: ' Восьмёрка ', synonyms: ['зуб мудрости', 'Зуб мудрости', 'третий моляр'] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.synonym).toMatchObject({ term: 'Восьмёрка', synonyms: ['зуб мудрости', 'третий моляр'] });
    id = created.body.synonym.id;

    expect((await runtimeFinds(A.workspaceId))[0]).toBe(wisdomId);
    expect((await listFinds(A))[0]).toBe(wisdomId);

    // Another workspace's search is untouched by A's synonyms.
    expect((await api('GET', '/api/kb/synonyms', { token: B.token })).body.data).toEqual([]);

    const renamed = await api('PATCH', `/api/kb/synonyms/${id}`, { token: A.token, body: { term: 'семерка' } });
    expect(renamed.status).toBe(200);
    expect(await runtimeFinds(A.workspaceId)).not.toContain(wisdomId);
    await api('PATCH', `/api/kb/synonyms/${id}`, { token: A.token, body: { term: 'восьмерка' } });
    expect((await runtimeFinds(A.workspaceId))[0]).toBe(wisdomId);
  });

  it('lists for viewers, refuses their writes, refuses a second entry for the same term and validates', async () => {
    const list = await api('GET', '/api/kb/synonyms', { token: viewer.token, headers: viewer.headers });
    expect(list.status).toBe(200);
    expect(list.body.data).toMatchObject([{ id, term: 'восьмерка', synonyms: ['зуб мудрости', 'третий моляр'] }]);
    expect((await api('POST', '/api/kb/synonyms', { token: viewer.token, headers: viewer.headers, body: { term: 'x', synonyms: ['y'] } })).status).toBe(403);
    expect((await api('DELETE', `/api/kb/synonyms/${id}`, { token: viewer.token, headers: viewer.headers })).status).toBe(403);

    const dup = await api('POST', '/api/kb/synonyms', { token: A.token, body: { term: 'ВОСЬМЕРКА', synonyms: ['что-то'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('synonym_exists');
    const other = (await api('POST', '/api/kb/synonyms', { token: A.token, body: { term: 'зум', synonyms: ['отбеливание'] } })).body.synonym;
    expect((await api('PATCH', `/api/kb/synonyms/${other.id}`, { token: A.token, body: { term: 'Восьмерка' } })).status).toBe(409);

    expectFieldError(await api('POST', '/api/kb/synonyms', { token: A.token, body: { term: '', synonyms: ['a'] } }), 'term');
    expectFieldError(await api('POST', '/api/kb/synonyms', { token: A.token, body: { term: 'пломба', synonyms: [] } }), 'synonyms');
    expectFieldError(await api('POST', '/api/kb/synonyms', { token: A.token, body: { term: 'пломба', synonyms: Array.from({ length: 21 }, (_, i) => `w${i}`) } }), 'synonyms');
    expectFieldError(await api('PATCH', `/api/kb/synonyms/${id}`, { token: A.token, body: {} }), '(body)');
    expect((await api('PATCH', `/api/kb/synonyms/${id}`, { token: B.token, body: { term: 'взлом' } })).status).toBe(404);
    expect((await api('DELETE', `/api/kb/synonyms/${id}`, { token: B.token })).status).toBe(404);
    expect((await api('PATCH', '/api/kb/synonyms/not-a-uuid', { token: A.token, body: { term: 'a' } })).status).toBe(404);
  });

  it('deleting takes the meaning away at once and every change is audited', async () => {
    expect((await api('DELETE', `/api/kb/synonyms/${id}`, { token: A.token })).status).toBe(204);
    expect(await runtimeFinds(A.workspaceId)).not.toContain(wisdomId);
    expect((await api('DELETE', `/api/kb/synonyms/${id}`, { token: A.token })).status).toBe(404);
    expect((await auditRows(db, A.workspaceId, 'create_kb_synonym')).length).toBe(2);
    expect((await auditRows(db, A.workspaceId, 'update_kb_synonym')).map((r) => r.new_values.term)).toEqual(['семерка', 'восьмерка']);
    expect((await auditRows(db, A.workspaceId, 'delete_kb_synonym'))[0].old_values).toMatchObject({ term: 'восьмерка' });
  });
});
