// Questions the agent could not answer (issue 8): the runtime records them (repeats count up,
// a resolved one opens again when asked again), people list, resolve, dismiss and delete them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor } from '@/lib/db/actor';
import { recordUnansweredQuestion } from '@/lib/kb/unanswered/record-unanswered-question';
import { addMember, auditRows, disableRateLimits, expectFieldError, newAgent, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let viewer: Awaited<ReturnType<typeof addMember>>;
let agentId: string;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Вопросы' });
  B = await registerUser({ company_name: 'Чужие' });
  viewer = await addMember(db, A, 'viewer');
  agentId = (await newAgent(A.token, { name: 'Айгерим' })).id;
});
afterAll(teardownTestDatabase);

describe('recordUnansweredQuestion (the runtime)', () => {
  it('counts repeats of one question under one row and reopens a resolved one', async () => {
    const runtime = systemActor('agent-runtime', A.workspaceId);
    const first = await recordUnansweredQuestion(runtime, { question: 'Сколько стоит доставка в Ёлкино?', agentId, conversationId: null, source: 'test_chat' });
    expect(first).toMatchObject({ question: 'Сколько стоит доставка в Ёлкино?', asked_count: 1, status: 'open', source: 'test_chat', agent: { id: agentId, name: 'Айгерим' } });
    const again = await recordUnansweredQuestion(runtime, { question: '  сколько стоит ДОСТАВКА в елкино!! ', agentId: null, conversationId: null, source: 'channel' });
    expect(again.id).toBe(first.id);
    expect(again.asked_count).toBe(2);
    expect(again.agent?.id).toBe(agentId);
    expect(new Date(again.last_asked_at).getTime()).toBeGreaterThanOrEqual(new Date(first.last_asked_at).getTime());

    await db.query(`update kb_unanswered_questions set status = 'resolved', resolved_at = now() where id = $1`, [first.id]);
    const reopened = await recordUnansweredQuestion(runtime, { question: 'Сколько стоит доставка в Елкино', agentId, conversationId: null, source: 'channel' });
    expect(reopened).toMatchObject({ id: first.id, status: 'open', asked_count: 3, resolved_article_id: null });

    const other = await recordUnansweredQuestion(runtime, { question: 'Есть рассрочка?', agentId, conversationId: null, source: 'channel' });
    expect(other.id).not.toBe(first.id);
    await expect(recordUnansweredQuestion(runtime, { question: '?!', agentId, conversationId: null })).rejects.toMatchObject({ status: 400 });
  });
});

describe('GET|PATCH|DELETE /api/kb/unanswered', () => {
  it('lists newest asked first with the agent, filters by status, pages by cursor; other workspaces see nothing', async () => {
    const runtime = systemActor('agent-runtime', A.workspaceId);
    for (const q of ['Вопрос один', 'Вопрос два', 'Вопрос три']) await recordUnansweredQuestion(runtime, { question: q, agentId, conversationId: null });
    const all = await api('GET', '/api/kb/unanswered', { token: viewer.token, headers: viewer.headers });
    expect(all.status).toBe(200);
    expect(all.body.data.slice(0, 3).map((q: { question: string }) => q.question)).toEqual(['Вопрос три', 'Вопрос два', 'Вопрос один']);
    expect(all.body.data[0]).toMatchObject({ asked_count: 1, status: 'open', source: 'channel', agent: { id: agentId, name: 'Айгерим' }, conversation_id: null });
    expect(all.body.next_cursor).toBeNull();

    const first = await api('GET', '/api/kb/unanswered', { token: A.token, query: { limit: 2 } });
    expect(first.body.data).toHaveLength(2);
    const second = await api('GET', '/api/kb/unanswered', { token: A.token, query: { limit: 2, cursor: first.body.next_cursor } });
    const paged = [...first.body.data, ...second.body.data].map((q: { id: string }) => q.id);
    expect(paged.slice(0, all.body.data.length)).toEqual(all.body.data.slice(0, paged.length).map((q: { id: string }) => q.id));

    expect((await api('GET', '/api/kb/unanswered', { token: B.token })).body.data).toEqual([]);
    expectFieldError(await api('GET', '/api/kb/unanswered', { token: A.token, query: { status: 'closed' } }), 'status');
    expectFieldError(await api('GET', '/api/kb/unanswered', { token: A.token, query: { cursor: 'garbage' } }), 'cursor');
  });

  it('resolves with an article, dismisses, deletes; viewers and other workspaces cannot; audited', async () => {
    const list = (await api('GET', '/api/kb/unanswered', { token: A.token, query: { status: 'open' } })).body.data;
    const [q1, q2, q3] = list;
    const cat = (await api('POST', '/api/kb/categories', { token: A.token, body: { name: 'Доставка' } })).body.category.id;
    const art = (await api('POST', '/api/kb/articles', { token: A.token, body: { title: 'Вопрос три', content: 'Ответ на вопрос три, подробно.', categories: [cat] } })).body.article;
    const bCat = (await api('POST', '/api/kb/categories', { token: B.token, body: { name: 'B' } })).body.category.id;
    const bArt = (await api('POST', '/api/kb/articles', { token: B.token, body: { title: 'B', content: 'Статья чужой компании.', categories: [bCat] } })).body.article;

    const resolved = await api('PATCH', `/api/kb/unanswered/${q1.id}`, { token: A.token, body: { status: 'resolved', resolved_article_id: art.id } });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.question).toMatchObject({ id: q1.id, status: 'resolved', resolved_article_id: art.id });
    const foreign = await api('PATCH', `/api/kb/unanswered/${q2.id}`, { token: A.token, body: { status: 'resolved', resolved_article_id: bArt.id } });
    expect(foreign.status).toBe(422);
    expect((await api('PATCH', `/api/kb/unanswered/${q2.id}`, { token: A.token, body: { status: 'dismissed' } })).body.question.status).toBe('dismissed');
    expectFieldError(await api('PATCH', `/api/kb/unanswered/${q2.id}`, { token: A.token, body: { status: 'gone' } }), 'status');

    expect((await api('PATCH', `/api/kb/unanswered/${q3.id}`, { token: viewer.token, headers: viewer.headers, body: { status: 'dismissed' } })).status).toBe(403);
    expect((await api('PATCH', `/api/kb/unanswered/${q3.id}`, { token: B.token, body: { status: 'dismissed' } })).status).toBe(404);
    expect((await api('DELETE', `/api/kb/unanswered/${q3.id}`, { token: B.token })).status).toBe(404);

    const open = (await api('GET', '/api/kb/unanswered', { token: A.token, query: { status: 'open' } })).body.data.map((q: { id: string }) => q.id);
    expect(open).toContain(q3.id);
    expect(open).not.toContain(q1.id);
    expect(open).not.toContain(q2.id);
    expect((await api('DELETE', `/api/kb/unanswered/${q3.id}`, { token: A.token })).status).toBe(204);
    expect((await api('GET', '/api/kb/unanswered', { token: A.token })).body.data.map((q: { id: string }) => q.id)).not.toContain(q3.id);

    expect((await auditRows(db, A.workspaceId, 'update_unanswered_question')).map((r) => r.new_values.status)).toEqual(['resolved', 'dismissed']);
    expect((await auditRows(db, A.workspaceId, 'delete_unanswered_question'))[0].old_values).toMatchObject({ question: q3.question });
  });
});
