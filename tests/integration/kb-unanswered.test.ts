// Questions the agent could not answer (issue 8): the runtime records them (repeats count up,
// a resolved one opens again when asked again), people list, resolve, dismiss and delete them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor } from '@/lib/db/actor';
import { recordUnansweredQuestion } from '@/lib/kb/unanswered/record-unanswered-question';
import { disableRateLimits, newAgent, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let agentId: string;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Вопросы' });
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
