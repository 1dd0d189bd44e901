// Drafts (check_before_send): a member approves (as written or edited) or rejects an agent's
// draft; exactly one of two racing decisions wins; viewers cannot decide; another workspace's
// drafts are not found. The draft rows are written as the runtime writes them (status draft).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, disableRateLimits, newAgent, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let agentId: string;
let conv: string;
let testConv: string;
let bConv: string;

async function draft(conversationId: string, workspaceId: string, content: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into messages (workspace_id, conversation_id, role, direction, content, status, requires_approval, model)
     values ($1, $2, 'agent', 'outbound', $3, 'draft', true, 'gpt-4.1') returning id`,
    [workspaceId, conversationId, content],
  );
  return row.id;
}

const events = (messageId: string) =>
  db.query<{ event_type: string; source: string; payload: Record<string, unknown>; actor_user_id: string | null }>(
    `select event_type, source, payload, actor_user_id from crm_events where message_id = $1 order by created_at`,
    [messageId],
  );
const queued = (messageId: string) =>
  db.query<{ data: Record<string, unknown> }>(`select data from event_outbox where name = 'conversation/message.queued' and data->>'message_id' = $1`, [messageId]);

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Drafts A' });
  B = await registerUser({ company_name: 'Drafts B' });
  agentId = (await newAgent(A.token, { name: 'Продажи', check_before_send: true })).id;
  const client = await newClient(db, A.workspaceId, 'Айгерим');
  conv = (await newConversation(A, { client_id: client, title: 'Замена дисплея', agent_id: agentId })).id;
  testConv = (await newConversation(A, { client_id: client, title: 'Тест', agent_id: agentId })).id;
  await db.query(`update conversations set channel_type = 'test' where id = $1`, [testConv]);
  await db.query(`update conversations set agent_id = $2 where id = $1`, [conv, agentId]);
  bConv = (await newConversation(B, { client_id: await newClient(db, B.workspaceId, 'Бауыржан'), title: 'B' })).id;
});
afterAll(teardownTestDatabase);

describe('approve and reject', () => {
  it('approves a draft as written: queued for the channel, approver stamped, event, audit and an outbox event', async () => {
    const id = await draft(conv, A.workspaceId, 'Замена дисплея — 25 000 ₸.');
    const res = await api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: A.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.message).toMatchObject({ id, status: 'queued', is_sent: false, content: 'Замена дисплея — 25 000 ₸.' });
    const [row] = await db.query<{ approved_by: string; approved_at: Date }>('select approved_by, approved_at from messages where id = $1', [id]);
    expect(row.approved_by).toBe(A.userId);
    expect(row.approved_at).toBeTruthy();
    expect(await events(id)).toEqual([
      { event_type: 'draft_approved', source: 'user', payload: { message_id: id, edited: false }, actor_user_id: A.userId },
    ]);
    expect((await queued(id)).map((r) => r.data)).toEqual([{ conversation_id: conv, message_id: id }]);
    const [audit] = await db.query<{ action: string; new_values: Record<string, unknown> }>(
      `select action, new_values from audit_log where entity_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({ action: 'approve_draft', new_values: { status: 'queued', edited: false } });
  });

  it('edits then approves: the edited text is what goes out, the trace says edited, the original is kept', async () => {
    const id = await draft(conv, A.workspaceId, 'Цена 20 000');
    const res = await api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: A.token, body: { content: '  Цена 25 000 ₸, займёт час.  ' } });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ status: 'queued', content: 'Цена 25 000 ₸, займёт час.' });
    const [row] = await db.query<{ turn: Record<string, unknown>; metadata: Record<string, unknown> }>('select turn, metadata from messages where id = $1', [id]);
    expect(row.turn.edited).toBe(true);
    expect(row.metadata.original_content).toBe('Цена 20 000');
    expect((await events(id))[0].payload).toEqual({ message_id: id, edited: true });
  });

  it('in the test chat an approved draft is sent at once (no channel, no outbox event)', async () => {
    const id = await draft(testConv, A.workspaceId, 'Тестовый ответ');
    const res = await api('POST', `/api/conversations/${testConv}/messages/${id}/approve`, { token: A.token });
    expect(res.body.message).toMatchObject({ status: 'sent', is_sent: true });
    expect(await queued(id)).toEqual([]);
  });

  it('rejects a draft: never sent, the reason in the timeline; approving it afterwards is 409 not_a_draft', async () => {
    const id = await draft(conv, A.workspaceId, 'Неудачный ответ');
    const res = await api('POST', `/api/conversations/${conv}/messages/${id}/reject`, { token: A.token, body: { reason: 'Цена устарела' } });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ status: 'rejected', is_sent: false });
    expect((await events(id)).map((e) => [e.event_type, e.payload.reason])).toEqual([['draft_rejected', 'Цена устарела']]);
    const again = await api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: A.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_a_draft');
    expect(await queued(id)).toEqual([]);
  });

  it('of two racing approvals exactly one wins; the other is 409 and nothing is written twice', async () => {
    const id = await draft(conv, A.workspaceId, 'Гонка');
    const [r1, r2] = await Promise.all([
      api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: A.token }),
      api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: A.token, body: { content: 'Гонка, правка' } }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect((await events(id)).filter((e) => e.event_type === 'draft_approved')).toHaveLength(1);
    expect(await queued(id)).toHaveLength(1);
  });

  it('refuses a customer message (not a draft), an empty edit and an unknown message', async () => {
    const [m] = await db.query<{ id: string }>(
      `insert into messages (workspace_id, conversation_id, role, direction, content, status) values ($1, $2, 'user', 'inbound', 'Привет', 'received') returning id`,
      [A.workspaceId, conv],
    );
    const notDraft = await api('POST', `/api/conversations/${conv}/messages/${m.id}/approve`, { token: A.token });
    expect(notDraft.status).toBe(409);
    const id = await draft(conv, A.workspaceId, 'Черновик');
    const empty = await api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: A.token, body: { content: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].field).toBe('content');
    const unknown = await api('POST', `/api/conversations/${conv}/messages/00000000-0000-4000-8000-000000000000/approve`, { token: A.token });
    expect(unknown.status).toBe(404);
    // A draft approved under another conversation's path is not found either.
    expect((await api('POST', `/api/conversations/${testConv}/messages/${id}/approve`, { token: A.token })).status).toBe(404);
  });
});

describe('who may decide', () => {
  it('a viewer gets 403 and the draft stays a draft; another workspace gets 404', async () => {
    const id = await draft(conv, A.workspaceId, 'Для проверки прав');
    const viewer = await addMember(db, A, 'viewer');
    const v = await api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: viewer.token, headers: viewer.headers });
    expect(v.status).toBe(403);
    const vr = await api('POST', `/api/conversations/${conv}/messages/${id}/reject`, { token: viewer.token, headers: viewer.headers });
    expect(vr.status).toBe(403);
    for (const action of ['approve', 'reject']) {
      const other = await api('POST', `/api/conversations/${conv}/messages/${id}/${action}`, { token: B.token });
      expect(other.status).toBe(404);
    }
    const [row] = await db.query<{ status: string }>('select status from messages where id = $1', [id]);
    expect(row.status).toBe('draft');
    const member = await addMember(db, A, 'member');
    expect((await api('POST', `/api/conversations/${conv}/messages/${id}/approve`, { token: member.token, headers: member.headers })).status).toBe(200);
  });
});

describe('GET /api/drafts', () => {
  it('lists the waiting drafts newest first with conversation, client and agent; filters by agent; pages; other workspaces see none', async () => {
    const d1 = await draft(conv, A.workspaceId, 'Первый');
    const d2 = await draft(testConv, A.workspaceId, 'Второй');
    // Two inserts can land on the same clock tick (PGlite's clock is coarse): make "newer" unambiguous.
    await db.query(`update messages set created_at = created_at + interval '1 second' where id = $1`, [d2]);
    await draft(bConv, B.workspaceId, 'Чужой');
    const res = await api('GET', '/api/drafts', { token: A.token });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((d: { message: { id: string } }) => d.message.id);
    expect(ids.slice(0, 2)).toEqual([d2, d1]);
    expect(res.body.data.every((d: { message: { status: string } }) => d.message.status === 'draft')).toBe(true);
    expect(res.body.data[1].conversation).toEqual({
      id: conv,
      title: 'Замена дисплея',
      channel: 'manual',
      client: { id: expect.any(String), name: 'Айгерим' },
      agent: { id: agentId, name: 'Продажи' },
    });
    const page = await api('GET', '/api/drafts', { token: A.token, query: { limit: 1 } });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.next_cursor).toBe('1');
    const next = await api('GET', '/api/drafts', { token: A.token, query: { limit: 1, cursor: page.body.next_cursor } });
    expect(next.body.data[0].message.id).toBe(d1);
    const byAgent = await api('GET', '/api/drafts', { token: A.token, query: { agent_id: agentId } });
    expect(byAgent.body.data.every((d: { conversation: { id: string } }) => d.conversation.id === conv)).toBe(true);
    expect(byAgent.body.data.map((d: { message: { id: string } }) => d.message.id)).toContain(d1);
    const otherAgent = await api('GET', '/api/drafts', { token: A.token, query: { agent_id: '00000000-0000-4000-8000-000000000000' } });
    expect(otherAgent.body.data).toEqual([]);
    const b = await api('GET', '/api/drafts', { token: B.token });
    expect(b.body.data.map((d: { message: { content: string } }) => d.message.content)).toEqual(['Чужой']);
    const bad = await api('GET', '/api/drafts', { token: A.token, query: { agent_id: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('agent_id');
  });
});
