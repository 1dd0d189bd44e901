// The test chat API (docs/runtime-api.md "Test chat"): a customer message into a new or continued
// conversation of channel `test`, answered by the agent (knowledge-base-only here: no model is
// configured), as JSON or as an SSE stream; such conversations are real (readable in the CRM with
// their context and timeline) but stay out of production lists; delete, isolation, roles, input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser, type ApiResult } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, disableRateLimits, expectFieldError, newAgent, type TestUser } from './agents-fixtures';
import { defaultPipeline, newClient, newConversation } from './crm-conversations-fixtures';
import { startFakeOpenAI } from '../fakes/openai-server';
import { resetEnvCache } from '@/lib/env';
import { forgetWorkspaceAiKeys } from '@/lib/ai/provider/provider-config';

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  forgetWorkspaceAiKeys();
}

let db: Database;
let A: TestUser;
let B: TestUser;
let agentId: string;
let bAgentId: string;
let member: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;
let production: { id: string };
let first: ApiResult;

const send = (user: { token: string; headers?: Record<string, string> }, body: unknown, headers: Record<string, string> = {}) =>
  api('POST', '/api/chat/send', { token: user.token, headers: { ...(user.headers ?? {}), ...headers }, body });

function parseSse(text: string): { event: string; data: any }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
      const data = JSON.parse(lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n'));
      return { event, data };
    });
}

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs', full_name: 'Айгуль' });
  B = await registerUser({ company_name: 'B Builders' });
  agentId = (await newAgent(A.token, { name: 'Консультант' })).id;
  bAgentId = (await newAgent(B.token)).id;
  // Knowledge-base-only: the agent answers without a model (none is configured in tests).
  await db.query(`update agents set kb_only = true where id = any($1::uuid[])`, [[agentId, bAgentId]]);
  member = await addMember(db, A, 'member');
  viewer = await addMember(db, A, 'viewer');
  production = await newConversation(A, { client_id: await newClient(db, A.workspaceId, 'Настоящий клиент'), title: 'Real deal' });
  first = await send(A, { agent_id: agentId, message: 'Сколько стоит замена экрана?' });
});
afterAll(teardownTestDatabase);

describe('POST /api/chat/send', () => {
  it('starts a test conversation for the member and answers in the seed shape', async () => {
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const b = first.body;
    expect(b.conversation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.customer_message).toMatchObject({ role: 'user', direction: 'inbound', content: 'Сколько стоит замена экрана?' });
    expect(b.outcome).toBe('sent');
    expect(b.message).toMatchObject({ role: 'agent', direction: 'outbound' });
    expect(b.message.content.length).toBeGreaterThan(0);
    const [conv] = await db.query<{ channel_type: string; agent_id: string; client: string; stage_id: string; pipeline_id: string }>(
      `select c.channel_type, c.agent_id, cl.name as client, c.stage_id, c.pipeline_id from conversations c join clients cl on cl.id = c.client_id where c.id = $1`,
      [b.conversation_id],
    );
    const pipeline = await defaultPipeline(db, A.workspaceId);
    expect(conv).toMatchObject({ channel_type: 'test', agent_id: agentId, client: 'Test chat — Айгуль', pipeline_id: pipeline.id, stage_id: pipeline.stages[0].id });
  });

  it('continues an existing test conversation and reuses the member’s test client', async () => {
    const again = await send(A, { agent_id: agentId, message: 'А батарею?', conversation_id: first.body.conversation_id });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.conversation_id).toBe(first.body.conversation_id);
    const fresh = await send(A, { agent_id: agentId, message: 'Новый разговор', conversation_id: null });
    expect(fresh.body.conversation_id).not.toBe(first.body.conversation_id);
    const clients = await db.query(`select id from clients where workspace_id = $1 and name like 'Test chat — %'`, [A.workspaceId]);
    expect(clients).toHaveLength(1);

    const read = await api('GET', `/api/chat/conversations/${first.body.conversation_id}`, { token: A.token });
    expect(read.status).toBe(200);
    expect(read.body.conversation).toMatchObject({ id: first.body.conversation_id, channel: 'test' });
    expect(read.body.messages.map((m: { role: string; content: string }) => [m.role, m.role === 'user' ? m.content : '…'])).toEqual([
      ['user', 'Сколько стоит замена экрана?'],
      ['agent', '…'],
      ['user', 'А батарею?'],
      ['agent', '…'],
    ]);
    await api('DELETE', `/api/chat/conversations/${fresh.body.conversation_id}`, { token: A.token });
  });

  it('streams as SSE: accepted, then status and deltas, ending in done with the TurnResponse', async () => {
    const res = await send(member, { agent_id: agentId, message: 'Здравствуйте' }, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(typeof res.body === 'string' ? res.body : '');
    expect(events[0].event).toBe('accepted');
    expect(events[0].data.customer_message.content).toBe('Здравствуйте');
    expect(events.at(-1)!.event).toBe('done');
    expect(events.slice(1, -1).every((e) => e.event === 'status' || e.event === 'delta')).toBe(true);
    const done = events.at(-1)!.data;
    expect(done.conversation_id).toBe(events[0].data.conversation_id);
    expect(done.customer_message.id).toBe(events[0].data.customer_message.id);
    expect(done.message.role).toBe('agent');
    const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
    if (deltas) expect(done.message.content).toContain(deltas.trim().slice(0, 20));
    // The member's own test client, not the owner's.
    const [c] = await db.query<{ name: string }>(`select cl.name from conversations c join clients cl on cl.id = c.client_id where c.id = $1`, [done.conversation_id]);
    expect(c.name).not.toBe('Test chat — Айгуль');
  });
});

describe('test conversations and the production lists', () => {
  it('are readable in the CRM with their context and timeline', async () => {
    const id = first.body.conversation_id;
    const conv = await api('GET', `/api/conversations/${id}`, { token: A.token });
    expect(conv.status).toBe(200);
    expect(conv.body.conversation ?? conv.body).toMatchObject({ id, channel: 'test' });
    expect((conv.body.conversation ?? conv.body).context).toBeTypeOf('object');
    expect((conv.body.conversation ?? conv.body).custom_fields).toBeTypeOf('object');
    const timeline = await api('GET', `/api/conversations/${id}/messages`, { token: A.token, query: { types: 'all', limit: 100 } });
    expect(timeline.body.data.some((e: { type: string }) => e.type === 'dialog_created')).toBe(true);
  });

  it('are absent from the list, board, client cards and the event feed unless asked for', async () => {
    const id = first.body.conversation_id;
    const ids = (r: ApiResult) => r.body.data.map((c: { id: string }) => c.id);
    const list = await api('GET', '/api/conversations', { token: A.token });
    expect(ids(list)).toContain(production.id);
    expect(ids(list)).not.toContain(id);
    expect(ids(await api('GET', '/api/conversations', { token: A.token, query: { channel_type: 'test' } }))).toContain(id);
    const board = await api('GET', '/api/conversations/board', { token: A.token });
    const onBoard = board.body.columns.flatMap((c: { deals: { id: string }[] }) => c.deals.map((d) => d.id));
    expect(onBoard).toContain(production.id);
    expect(onBoard).not.toContain(id);
    expect(board.body.columns.reduce((n: number, c: { total: number }) => n + c.total, 0)).toBe(1);

    const [{ client_id }] = await db.query<{ client_id: string }>(`select client_id from conversations where id = $1`, [id]);
    const card = await api('GET', `/api/clients/${client_id}`, { token: A.token });
    expect(card.status).toBe(200);
    expect(JSON.stringify(card.body)).not.toContain(id);
    const clientList = await api('GET', '/api/clients', { token: A.token, query: { search: 'Test chat' } });
    for (const c of clientList.body.data) expect(c.dialogs_count ?? c.dialogs?.total ?? 0).toBe(0);

    const feed = await api('GET', '/api/events', { token: A.token, query: { limit: 200 } });
    expect(feed.body.data.some((e: { dialog_id?: string; conversation_id?: string }) => (e.dialog_id ?? e.conversation_id) === id)).toBe(false);
    expect(feed.body.data.some((e: { dialog_id?: string; conversation_id?: string }) => (e.dialog_id ?? e.conversation_id) === production.id)).toBe(true);
    const own = await api('GET', '/api/events', { token: A.token, query: { dialog_id: id } });
    expect(own.body.data.length).toBeGreaterThan(0);
  });

  it('GET /api/chat/conversations lists test conversations only, by agent', async () => {
    const all = await api('GET', '/api/chat/conversations', { token: A.token });
    expect(all.status).toBe(200);
    const ids = all.body.data.map((c: { id: string }) => c.id);
    expect(ids).toContain(first.body.conversation_id);
    expect(ids).not.toContain(production.id);
    expect(all.body.data.every((c: { channel: string }) => c.channel === 'test')).toBe(true);
    expect(all.body).toHaveProperty('next_cursor');
    const other = await api('GET', '/api/chat/conversations', { token: A.token, query: { agent_id: '00000000-0000-4000-8000-000000000000' } });
    expect(other.body.data).toEqual([]);
  });
});

describe('delete', () => {
  it('a member deletes a test conversation; a production one is not found here and stays', async () => {
    const made = await send(member, { agent_id: agentId, message: 'удалить меня' });
    const id = made.body.conversation_id;
    const del = await api('DELETE', `/api/chat/conversations/${id}`, { token: member.token, headers: member.headers });
    expect(del.status, JSON.stringify(del.body)).toBe(204);
    expect((await api('GET', `/api/chat/conversations/${id}`, { token: A.token })).status).toBe(404);
    expect(await db.query(`select id from messages where conversation_id = $1`, [id])).toEqual([]);

    expect((await api('DELETE', `/api/chat/conversations/${production.id}`, { token: A.token })).status).toBe(404);
    expect((await api('GET', `/api/chat/conversations/${production.id}`, { token: A.token })).status).toBe(404);
    expect((await api('GET', `/api/conversations/${production.id}`, { token: A.token })).status).toBe(200);
    expect((await send(A, { agent_id: agentId, message: 'x', conversation_id: production.id })).status).toBe(404);
  });
});

describe('isolation and roles', () => {
  it("another workspace neither reads, writes nor deletes A's test chat, nor uses A's agent", async () => {
    const id = first.body.conversation_id;
    expect((await api('GET', `/api/chat/conversations/${id}`, { token: B.token })).status).toBe(404);
    expect((await api('DELETE', `/api/chat/conversations/${id}`, { token: B.token })).status).toBe(404);
    expect((await send(B, { agent_id: bAgentId, message: 'hi', conversation_id: id })).status).toBe(404);
    const foreignAgent = await send(B, { agent_id: agentId, message: 'hi' });
    expect(foreignAgent.status).toBe(404);
    expect((await api('GET', '/api/chat/conversations', { token: B.token })).body.data).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from messages where conversation_id = $1`, [id]);
    expect(n).toBe(4);
  });

  it('a viewer reads the test chat but cannot send or delete', async () => {
    expect((await api('GET', '/api/chat/conversations', { token: viewer.token, headers: viewer.headers })).status).toBe(200);
    expect((await send(viewer, { agent_id: agentId, message: 'hi' })).status).toBe(403);
    expect((await api('DELETE', `/api/chat/conversations/${first.body.conversation_id}`, { token: viewer.token, headers: viewer.headers })).status).toBe(403);
  });
});

describe('bad input', () => {
  it('is a 400 naming the field', async () => {
    expectFieldError(await send(A, { message: 'hi' }), 'agent_id');
    expectFieldError(await send(A, { agent_id: 'nope', message: 'hi' }), 'agent_id');
    expectFieldError(await send(A, { agent_id: agentId, message: '   ' }), 'message');
    expectFieldError(await send(A, { agent_id: agentId, message: 'x'.repeat(4001) }), 'message');
    expectFieldError(await send(A, { agent_id: agentId, message: 'hi', conversation_id: 'abc' }), 'conversation_id');
    expectFieldError(await send(A, { agent_id: agentId, message: 'hi', simulate: { channel_type: 'fax' } }), 'simulate.channel_type');
    expectFieldError(await send(A, { agent_id: agentId, message: 'hi', simulate: { stage_id: '00000000-0000-4000-8000-000000000000' } }), 'simulate.stage_id');
    expect((await api('GET', '/api/chat/conversations/not-a-uuid', { token: A.token })).status).toBe(404);
    expectFieldError(await api('GET', '/api/chat/conversations', { token: A.token, query: { limit: 0 } }), 'limit');
  });
});

describe('quota', () => {
  it('at the limit: 402 with the kept customer message, no reply', async () => {
    await db.query(`update workspaces set ai_responses_used = ai_responses_limit where id = $1`, [A.workspaceId]);
    try {
      const res = await send(A, { agent_id: agentId, message: 'Квота?', conversation_id: first.body.conversation_id });
      expect(res.status, JSON.stringify(res.body)).toBe(402);
      expect(res.body.error.code).toBe('quota_exceeded');
      const d = res.body.error.details;
      expect(d.conversation_id).toBe(first.body.conversation_id);
      expect(d.used).toBe(d.limit);
      const kept = await db.query<{ role: string; content: string }>(`select role, content from messages where id = $1`, [d.customer_message_id]);
      expect(kept).toEqual([{ role: 'user', content: 'Квота?' }]);
      const [{ n }] = await db.query<{ n: number }>(
        `select count(*)::int as n from messages where conversation_id = $1 and role = 'agent' and created_at > (select created_at from messages where id = $2)`,
        [first.body.conversation_id, d.customer_message_id],
      );
      expect(n).toBe(0);
    } finally {
      await db.query(`update workspaces set ai_responses_used = 0 where id = $1`, [A.workspaceId]);
    }
  });
});

describe('with a model (the fake OpenAI server)', () => {
  it('streams the model’s reply in deltas and records the turn; a provider outage is a 502 that keeps the message', async () => {
    const fake = await startFakeOpenAI({ apiKey: 'sk-test' });
    setEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url });
    await db.query(`update agents set kb_only = false where id = $1`, [agentId]);
    try {
      fake.setChatScript((body, headers) =>
        headers['x-agent-purpose'] === 'rewrite_query' ? { content: JSON.stringify({ queries: ['экран'] }) } : { content: 'Замена экрана — от 25 000 ₸.' },
      );
      const res = await send(A, { agent_id: agentId, message: 'Сколько стоит экран?', simulate: { channel_type: 'whatsapp' } }, { accept: 'text/event-stream' });
      const events = parseSse(res.body as string);
      expect(events.map((e) => e.event).filter((e, i, all) => all.indexOf(e) === i)).toEqual(['accepted', 'status', 'delta', 'done']);
      const done = events.at(-1)!.data;
      const streamed = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
      expect(done.message.content).toBe('Замена экрана — от 25 000 ₸.');
      expect(streamed).toBe(done.message.content);
      expect(done.message.turn).toMatchObject({ mode: 'model', channel_type: 'whatsapp' });
      expect(done.message.tokens_in).toBeGreaterThan(0);

      fake.failNext(500, 50, { retryAfterMs: 1 });
      const failed = await send(A, { agent_id: agentId, message: 'А сейчас?', conversation_id: done.conversation_id });
      expect(failed.status, JSON.stringify(failed.body)).toBe(502);
      expect(failed.body.error.code).toBe('provider_failed');
      expect(failed.body.error.details).toMatchObject({ conversation_id: done.conversation_id });
      const rows = await db.query<{ id: string; role: string }>(`select id, role from messages where conversation_id = $1 order by created_at`, [done.conversation_id]);
      expect(rows.map((r) => r.role)).toEqual(['user', 'agent', 'user']);
      expect(rows[2].id).toBe(failed.body.error.details.customer_message_id);
    } finally {
      setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
      await db.query(`update agents set kb_only = true where id = $1`, [agentId]);
      await fake.close();
    }
  });
});
