// The site chat widget's public API: per-key CORS (allowed, denied, missing origin; preflight),
// unknown and switched-off keys, visitor sessions that keep the conversation (the token itself
// never stored), one visitor never seeing another's messages, drafts and failed replies never
// reaching the visitor (session or stream), SSE resume with Last-Event-ID, idempotent sends,
// rate limits and validation.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor, withActor } from '@/lib/db/actor';
import { resetEnvCache } from '@/lib/env';
import { resetWidgetLimiters } from '@/lib/channels/web-chat/widget-limits';
import { findWidgetConnection } from '@/lib/channels/web-chat/find-widget-connection';
import { openWidgetStream } from '@/lib/channels/web-chat/stream-widget';
import { webChatAdapter } from '@/lib/channels/web-chat/adapter';
import { realtimeSubscriberCount } from '@/lib/realtime/hub';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { registerDueHandlers } from '@/lib/jobs/due-work/register-due-handlers';

let db: Database;
let owner: Awaited<ReturnType<typeof registerUser>>;
let key: string;
let integrationId: string;
const SHOP = 'https://shop.example.kz';
const DEV = 'http://localhost:4010';

const origin = (o: string | null = SHOP): Record<string, string> => (o ? { origin: o } : {});
const session = (token?: string, o: string | null = SHOP) =>
  api('POST', `/api/widget/${key}/session`, { headers: origin(o), body: token ? { visitor_token: token } : {} });
const send = (token: string, text: string, id = crypto.randomUUID(), o: string | null = SHOP) =>
  api('POST', `/api/widget/${key}/messages`, { headers: origin(o), body: { visitor_token: token, text, client_message_id: id } });

/** Reads SSE events from a streamed response until `until` says enough (or the time runs out). */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: { id?: string; event: string; data: any }[] = [];
  const comments: string[] = [];
  async function next(until: (evs: typeof events) => boolean, timeoutMs = 8000) {
    const deadline = Date.now() + timeoutMs;
    while (!until(events)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events)}`);
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
      if (!chunk) continue;
      if (chunk.done) throw new Error('stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const ev: { id?: string; event: string; data: any } = { event: 'message', data: '' };
        let hasData = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line);
          else if (line.startsWith('id: ')) ev.id = line.slice(4);
          else if (line.startsWith('event: ')) ev.event = line.slice(7);
          else if (line.startsWith('data: ')) {
            ev.data = JSON.parse(line.slice(6));
            hasData = true;
          }
        }
        if (hasData) events.push(ev);
      }
    }
    return events;
  }
  return { events, comments, next, cancel: () => reader.cancel().catch(() => undefined) };
}

/** The stream route called as Next.js would, with an abort signal (the api helper reads bodies to the end). */
function openStream(token: string, opts: { lastEventId?: string } = {}) {
  const ac = new AbortController();
  const headers: Record<string, string> = { origin: SHOP };
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
  const url = `http://localhost:3000/api/widget/${key}/stream?visitor_token=${token}`;
  const res = import('@/app/api/widget/[key]/stream/route').then(({ GET }) =>
    GET(new NextRequest(url, { headers, signal: ac.signal }), { params: Promise.resolve({ key }) }),
  );
  return { ac, res };
}

/** A reply in the visitor's conversation as the channel path would write it (triggers publish it). */
async function reply(conversationId: string, content: string, status: string, role = 'agent') {
  const actor = systemActor('channels', owner.workspaceId);
  return withActor(actor, async (tx) => {
    const res = (await tx.execute(sql`insert into messages (workspace_id, conversation_id, role, direction, content, status)
      values (${owner.workspaceId}::uuid, ${conversationId}::uuid, ${role}, 'outbound', ${content}, ${status}) returning id`)) as unknown as {
      rows: { id: string }[];
    };
    return res.rows[0].id;
  });
}

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = 'true';
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Виджет Шоп' });
});
afterAll(teardownTestDatabase);

describe('connecting the site chat', () => {
  it('names the bad origin entry (422) and connects with a wk_ key and the script tag', async () => {
    const bad = await api('POST', '/api/integrations/web_chat/connect', {
      token: owner.token,
      body: { allowed_origins: [SHOP, 'http://shop.example.kz', 'https://shop.example.kz/page', '*'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_error');
    const fields = bad.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
    expect(fields).toEqual(['allowed_origins.1:invalid_origin', 'allowed_origins.2:invalid_origin', 'allowed_origins.3:invalid_origin']);
    const badColor = await api('POST', '/api/integrations/web_chat/connect', { token: owner.token, body: { allowed_origins: [SHOP], color: 'red' } });
    expect(badColor.status).toBe(422);
    expect(badColor.body.error.details.fields[0].field).toBe('color');

    const res = await api('POST', '/api/integrations/web_chat/connect', {
      token: owner.token,
      body: { name: 'Сайт', allowed_origins: [`${SHOP}/`, DEV], title: 'Чат магазина', greeting: 'Здравствуйте!', color: '#0f766e' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    key = res.body.public_key;
    integrationId = res.body.id;
    expect(key).toMatch(/^wk_[A-Za-z0-9_-]{32}$/);
    expect(res.body).toMatchObject({ type: 'web_chat', name: 'Сайт', is_active: true, webhook_url: null });
    expect(res.body.config.allowed_origins).toEqual([SHOP, DEV]);
    expect(res.body.config.snippet).toBe(`<script src="http://localhost:3000/widget.js" data-key="${key}" async></script>`);

    // Connecting again keeps the key: the snippet pasted into the site keeps working.
    const again = await api('POST', '/api/integrations/web_chat/connect', {
      token: owner.token,
      body: { allowed_origins: [SHOP, DEV], title: 'Чат магазина', greeting: 'Здравствуйте!', color: '#0f766e' },
    });
    expect(again.status).toBe(201);
    expect(again.body.public_key).toBe(key);
    expect(again.body.name).toBe('Сайт');
  });
});

describe('per-key CORS', () => {
  it('answers an allowed origin with its own CORS header, refuses others and a missing Origin', async () => {
    const ok = await session(undefined, DEV);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(DEV);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    expect(ok.body.settings).toEqual({ title: 'Чат магазина', greeting: 'Здравствуйте!', color: '#0f766e' });

    const denied = await session(undefined, 'https://evil.example');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('origin_not_allowed');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    const missing = await session(undefined, null);
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('origin_not_allowed');

    const sendDenied = await send('a'.repeat(43), 'hi', undefined, 'https://evil.example');
    expect(sendDenied.status).toBe(403);
  });

  it('preflight answers the allowed origin only', async () => {
    const pre = await api('OPTIONS', `/api/widget/${key}/messages`, {
      headers: { origin: SHOP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const other = await api('OPTIONS', `/api/widget/${key}/messages`, { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an unknown key is 404, a switched-off chat 410', async () => {
    const unknown = await api('POST', `/api/widget/wk_${'x'.repeat(32)}/session`, { headers: origin(), body: {} });
    expect(unknown.status).toBe(404);
    expect((await api('POST', '/api/widget/not-a-key/session', { headers: origin(), body: {} })).status).toBe(404);
    await db.query(`update integrations set is_active = false where id = $1`, [integrationId]);
    try {
      const off = await session();
      expect(off.status).toBe(410);
      expect(off.headers.get('access-control-allow-origin')).toBe(SHOP);
    } finally {
      await db.query(`update integrations set is_active = true where id = $1`, [integrationId]);
    }
  });
});

describe('visitors and their conversations', () => {
  let tokenA: string;
  let tokenB: string;
  let conversationA: string;

  it('a visitor keeps the conversation across page loads; the token itself is never stored', async () => {
    const first = await session();
    tokenA = first.body.visitor_token;
    expect(tokenA).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.body).toMatchObject({ conversation_id: null, messages: [] });

    const clientMessageId = crypto.randomUUID();
    const sent = await send(tokenA, 'Сколько стоит замена экрана?', clientMessageId);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.message).toMatchObject({ role: 'user', text: 'Сколько стоит замена экрана?', status: 'received' });
    expect(Object.keys(sent.body.message).sort()).toEqual(['created_at', 'id', 'role', 'status', 'text']);
    // The same client message id again (a retry after a lost answer): one message.
    const dup = await send(tokenA, 'Сколько стоит замена экрана?', clientMessageId);
    expect(dup.status).toBe(202);
    expect(dup.body.message.id).toBe(sent.body.message.id);

    const reload = await session(tokenA);
    expect(reload.body.visitor_token).toBe(tokenA);
    conversationA = reload.body.conversation_id;
    expect(conversationA).toBeTruthy();
    expect(reload.body.messages.map((m: { text: string }) => m.text)).toEqual(['Сколько стоит замена экрана?']);

    const rows = await db.query<{ n: number }>(`select count(*)::int as n from messages where conversation_id = $1`, [conversationA]);
    expect(rows[0].n).toBe(1);
    const hash = crypto.createHash('sha256').update(tokenA).digest('hex');
    const channel = await db.query<{ channel_type: string; external_id: string }>(
      `select channel_type, external_id from client_channels where workspace_id = $1`,
      [owner.workspaceId],
    );
    expect(channel).toEqual([{ channel_type: 'web_chat', external_id: hash }]);
    const conv = await db.query<{ channel_type: string; channel_id: string; integration_id: string }>(
      `select channel_type, channel_id, integration_id from conversations where id = $1`,
      [conversationA],
    );
    expect(conv[0]).toEqual({ channel_type: 'web_chat', channel_id: hash, integration_id: integrationId });
    for (const table of ['messages', 'clients', 'client_channels', 'conversations', 'channel_updates', 'audit_log', 'crm_events']) {
      const found = await db.query(`select 1 from ${table} t where t::text like $1`, [`%${tokenA}%`]);
      expect(found, table).toEqual([]);
    }
  });

  it('a second visitor sees nothing of the first', async () => {
    const fresh = await session();
    tokenB = fresh.body.visitor_token;
    expect(tokenB).not.toBe(tokenA);
    expect(fresh.body).toMatchObject({ conversation_id: null, messages: [] });
    // A made-up token is not somebody's conversation either.
    expect((await session('b'.repeat(43))).body).toMatchObject({ conversation_id: null, messages: [] });
    const sent = await send(tokenB, 'А доставка есть?');
    expect(sent.status).toBe(202);
    const b = await session(tokenB);
    expect(b.body.conversation_id).not.toBe(conversationA);
    expect(b.body.messages.map((m: { text: string }) => m.text)).toEqual(['А доставка есть?']);
    const a = await session(tokenA);
    expect(a.body.messages.map((m: { text: string }) => m.text)).toEqual(['Сколько стоит замена экрана?']);
  });

  it('drafts, rejected and failed replies and system lines never reach the session', async () => {
    await reply(conversationA, 'черновик: скидка 50%', 'draft');
    await reply(conversationA, 'отклонено', 'rejected');
    await reply(conversationA, 'не ушло', 'failed');
    await reply(conversationA, 'в очереди', 'queued');
    await reply(conversationA, 'служебное', 'sent', 'system');
    await reply(conversationA, 'Замена экрана — 25 000 ₸.', 'sent');
    await reply(conversationA, 'Оператор Анна на связи.', 'delivered', 'operator');
    const s = await session(tokenA);
    expect(s.body.messages.map((m: { role: string; text: string }) => `${m.role}:${m.text}`)).toEqual([
      'user:Сколько стоит замена экрана?',
      'agent:Замена экрана — 25 000 ₸.',
      'operator:Оператор Анна на связи.',
    ]);
  });

  it('streams only the visitor’s own visible messages, with id = seq, and resumes after Last-Event-ID', async () => {
    const a = openStream(tokenA);
    const resA = await a.res;
    expect(resA.status).toBe(200);
    expect(resA.headers.get('content-type')).toContain('text/event-stream');
    expect(resA.headers.get('access-control-allow-origin')).toBe(SHOP);
    const streamA = sseReader(resA);
    await streamA.next((evs) => evs.some((e) => e.event === 'ready'));
    const ready = streamA.events.find((e) => e.event === 'ready')!;
    expect(ready.data.conversation_id).toBe(conversationA);

    const b = openStream(tokenB);
    const streamB = sseReader(await b.res);
    await streamB.next((evs) => evs.some((e) => e.event === 'ready'));

    await reply(conversationA, 'черновик для A', 'draft');
    const queuedId = await reply(conversationA, 'Готово к отправке', 'queued');
    await send(tokenB, 'Это пишет B');
    // Delivery marks the queued reply sent: now the visitor sees it.
    await withActor(systemActor('channels', owner.workspaceId), (tx) =>
      tx.execute(sql`update messages set status = 'sent', sent_at = now() where id = ${queuedId}::uuid`),
    );
    await send(tokenA, 'Спасибо!');

    const gotA = await streamA.next((evs) => evs.filter((e) => e.event === 'message').length >= 2);
    const msgsA = gotA.filter((e) => e.event === 'message');
    expect(msgsA.map((e) => `${e.data.role}:${e.data.text}:${e.data.status}`)).toEqual(['agent:Готово к отправке:sent', 'user:Спасибо!:received']);
    expect(Number(msgsA[0].id)).toBeGreaterThan(Number(ready.id));
    expect(Number(msgsA[1].id)).toBeGreaterThan(Number(msgsA[0].id));
    for (const e of msgsA) expect(Object.keys(e.data).sort()).toEqual(['created_at', 'id', 'role', 'status', 'text']);

    const gotB = await streamB.next((evs) => evs.some((e) => e.event === 'message'));
    expect(gotB.filter((e) => e.event === 'message').map((e) => e.data.text)).toEqual(['Это пишет B']);

    // The connection drops; meanwhile a reply goes out; the widget reconnects with Last-Event-ID.
    a.ac.abort();
    await streamA.cancel();
    await reply(conversationA, 'Пока вас не было: мастер свободен в 15:00', 'sent');
    const again = openStream(tokenA, { lastEventId: msgsA[1].id });
    const streamA2 = sseReader(await again.res);
    await streamA2.next((evs) => evs.some((e) => e.event === 'message'));
    // Nothing else follows: no duplicate of what the widget had already seen.
    await streamA2.next(() => false, 600).catch(() => undefined);
    expect(streamA2.events.filter((e) => e.event === 'message').map((e) => e.data.text)).toEqual(['Пока вас не было: мастер свободен в 15:00']);
    again.ac.abort();
    await streamA2.cancel();
    b.ac.abort();
    await streamB.cancel();
    // Closed streams leave no subscription behind.
    expect(realtimeSubscriberCount(owner.workspaceId)).toBe(0);
  });

  /** Visitor B's stream straight from the library, pinging every 50 ms, read up to `ready`. */
  async function openFastStream() {
    const conn = (await findWidgetConnection(key))!;
    const ac = new AbortController();
    const res = await openWidgetStream(systemActor('channels', owner.workspaceId), conn, tokenB, { after: null, heartbeatMs: 50, signal: ac.signal });
    const reader = sseReader(res);
    await reader.next((evs) => evs.some((e) => e.event === 'ready'));
    return { conn, ac, reader };
  }

  it('keeps an idle stream alive with heartbeats', async () => {
    const { conn, ac, reader } = await openFastStream();
    await reader.next(() => reader.comments.filter((c) => c === ': ping').length >= 2);
    ac.abort();
    await reader.cancel();
    expect(realtimeSubscriberCount(owner.workspaceId)).toBe(0);
  });

  it('ends an open stream once the chat is switched off (the widget\'s reconnect then meets 410)', async () => {
    const { conn, ac, reader } = await openFastStream();
    await db.query('update integrations set is_active = false where id = $1', [conn.id]);
    try {
      const evs = await reader.next((e) => e.some((x) => x.event === 'closed'));
      expect(evs.find((e) => e.event === 'closed')!.data).toEqual({ reason: 'connection_inactive' });
      await expect(reader.next(() => false, 2000)).rejects.toThrow(/stream ended/);
      expect(realtimeSubscriberCount(owner.workspaceId)).toBe(0);
      expect((await session(tokenB)).status).toBe(410);
    } finally {
      await db.query('update integrations set is_active = true where id = $1', [conn.id]);
      ac.abort();
    }
  });

  it('rate-limits a visitor: 429 with Retry-After', async () => {
    delete process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_WIDGET_PER_MIN = '3';
    resetEnvCache();
    resetWidgetLimiters();
    try {
      const fresh = (await session()).body.visitor_token;
      for (let i = 0; i < 3; i++) expect((await send(fresh, `сообщение ${i}`)).status).toBe(202);
      const limited = await send(fresh, 'ещё одно');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('access-control-allow-origin')).toBe(SHOP);
      // Another visitor is not held back by this one.
      expect((await send((await session()).body.visitor_token, 'я другой')).status).toBe(202);
    } finally {
      process.env.RATE_LIMIT_DISABLED = 'true';
      delete process.env.RATE_LIMIT_WIDGET_PER_MIN;
      resetEnvCache();
      resetWidgetLimiters();
    }
  });

  it('bad input is 422 naming the field', async () => {
    const long = await send(tokenA, 'я'.repeat(4001));
    expect(long.status).toBe(422);
    expect(long.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['text']);
    const empty = await send(tokenA, '   ');
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fields[0].field).toBe('text');
    const noId = await api('POST', `/api/widget/${key}/messages`, { headers: origin(), body: { visitor_token: tokenA, text: 'hi' } });
    expect(noId.status).toBe(422);
    expect(noId.body.error.details.fields[0].field).toBe('client_message_id');
    const badToken = await send('short', 'hi');
    expect(badToken.status).toBe(422);
    expect(badToken.body.error.details.fields[0].field).toBe('visitor_token');
    const stream = await api('GET', `/api/widget/${key}/stream`, { headers: origin() });
    expect(stream.status).toBe(422);
    expect(stream.body.error.details.fields[0].field).toBe('visitor_token');
    // Exactly 4000 characters is fine.
    expect((await send(tokenA, 'я'.repeat(4000))).status).toBe(202);
  });
});

describe('the agent answers a visitor', () => {
  it('a question through the widget gets the agent’s reply on the visitor’s stream (reply and delivery as due work)', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await api(method, path, { token: owner.token, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const { category } = await call('POST', '/api/kb/categories', { name: 'Ремонт' });
    await call('POST', '/api/kb/articles', {
      title: 'Замена экрана iPhone',
      content: 'Замена экрана на iPhone 13 стоит от 25 000 тенге и занимает около часа.',
      categories: [category.id],
    });
    const { agent } = await call('POST', '/api/agents', { name: 'Консультант', system_instructions: 'Отвечай кратко.', kb_only: true, response_delay_seconds: 0 });
    await call('PUT', `/api/agents/${agent.id}/knowledge-base`, { all_categories: true });
    const { pipelines } = await call('GET', '/api/pipelines');
    await call('PUT', `/api/agents/${agent.id}/pipelines`, { pipelines: [{ pipeline_id: pipelines[0].id, is_active: true, all_stages: true }] });
    await call('PATCH', `/api/agents/${agent.id}/toggle`, { is_active: true });

    await registerDueHandlers();
    const token = (await session()).body.visitor_token;
    const s = openStream(token);
    const stream = sseReader(await s.res);
    await stream.next((evs) => evs.some((e) => e.event === 'ready'));
    expect((await send(token, 'Сколько стоит замена экрана на iPhone?')).status).toBe(202);
    for (let i = 0; i < 4; i++) await runDueWork({ now: () => new Date(Date.now() + 5000), limit: 10 });
    const got = await stream.next((evs) => evs.some((e) => e.event === 'message' && e.data.role === 'agent'));
    const answer = got.find((e) => e.data.role === 'agent')!;
    expect(answer.data.text).toContain('25 000');
    expect(answer.data.status).toBe('sent');
    s.ac.abort();
    await stream.cancel();
  });
});

describe('the web_chat adapter', () => {
  it('send only confirms (the visitor reads the reply from the stream); parse takes a widget message or ignores junk', async () => {
    const conn = { id: integrationId, workspaceId: owner.workspaceId, type: 'web_chat' as const, name: null, isActive: true, isConnected: true, pipelineId: null, publicKey: key, config: {} };
    expect(await webChatAdapter.send(conn, {}, { chatId: 'visitor', text: 'Ответ' })).toEqual({ externalMessageIds: [] });
    expect(webChatAdapter.parseUpdate({ nope: 1 }).messages).toEqual([]);
    expect(webChatAdapter.parseUpdate(null).ignored).toBeTruthy();
    const parsed = webChatAdapter.parseUpdate({ client_message_id: 'c1', visitor_id: 'v1', text: ' Привет ', sent_at: '2026-11-28T00:00:00.000Z' });
    expect(parsed.messages).toEqual([
      { externalMessageId: 'c1', chatId: 'v1', sender: { externalId: 'v1', name: null }, sentAt: new Date('2026-11-28T00:00:00.000Z'), kind: 'text', text: 'Привет' },
    ]);
  });
});
