// GET /api/events/stream (issue 9): the dashboard's live events as SSE. Resume with
// Last-Event-ID gives every event once and none missing; the heartbeat; another workspace's
// member never sees ours; a notification for one member is not streamed to another; a removed
// member's stream closes; closing the connection unsubscribes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { sql } from 'drizzle-orm';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor, withActor } from '@/lib/db/actor';
import { CHANNELS_ACTOR } from '@/lib/channels/types';
import { createNotification } from '@/lib/notifications/create-notification';
import { createEventStreamHandler } from '@/lib/realtime/event-stream';
import { publishRealtime } from '@/lib/realtime/publish-realtime';
import { realtimeSubscriberCount, stopRealtimeHub } from '@/lib/realtime/hub';
import { GET } from '@/app/api/events/stream/route';
import { addMember, disableRateLimits, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let viewer: TestUser & { headers: Record<string, string> };
let convA: string;
let convB: string;

interface Frame {
  id?: string;
  event?: string;
  data?: any;
  comment?: string;
  retry?: number;
}

/** A client of the stream: parses frames as they arrive (the SSE wire format, by hand). */
class SseClient {
  frames: Frame[] = [];
  ended = false;
  private buf = '';
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  constructor(
    readonly res: Response,
    readonly abort: AbortController,
  ) {
    this.reader = res.body!.getReader();
    void this.pump();
  }
  private async pump() {
    const reader = this.reader;
    const dec = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buf += dec.decode(value, { stream: true });
        let i: number;
        while ((i = this.buf.indexOf('\n\n')) >= 0) {
          const block = this.buf.slice(0, i);
          this.buf = this.buf.slice(i + 2);
          const f: Frame = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) f.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) f.id = line.slice(4);
            else if (line.startsWith('event: ')) f.event = line.slice(7);
            else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6));
            else if (line.startsWith('retry: ')) f.retry = Number(line.slice(7));
          }
          this.frames.push(f);
        }
      }
    } catch {
      /* aborted */
    }
    this.ended = true;
  }
  get events() {
    return this.frames.filter((f) => f.event && f.event !== 'reset');
  }
  get lastId(): string | undefined {
    return [...this.frames].reverse().find((f) => f.id !== undefined)?.id;
  }
  async until(cond: (c: SseClient) => boolean, what: string, ms = 10_000) {
    const end = Date.now() + ms;
    while (!cond(this)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  /** The client goes away: Next.js aborts the request and cancels the response body. */
  close() {
    this.abort.abort();
    void this.reader.cancel().catch(() => {});
  }
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function open(
  user: { token: string; headers?: Record<string, string> },
  opts: { lastEventId?: string; query?: string; handler?: Handler } = {},
): Promise<SseClient> {
  const abort = new AbortController();
  const headers = new Headers({ authorization: `Bearer ${user.token}`, ...(user.headers ?? {}) });
  if (opts.lastEventId) headers.set('last-event-id', opts.lastEventId);
  const req = new NextRequest(`http://localhost:3000/api/events/stream${opts.query ?? ''}`, { headers, signal: abort.signal });
  const res = await (opts.handler ?? (GET as Handler))(req, { params: Promise.resolve({}) });
  return new SseClient(res, abort);
}

async function say(user: TestUser, conversationId: string, text: string): Promise<string> {
  const r = await api('POST', `/api/conversations/${conversationId}/messages`, { token: user.token, body: { content: text } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.message.id;
}

async function inbound(workspaceId: string, conversationId: string, text: string): Promise<string> {
  return withActor(systemActor(CHANNELS_ACTOR, workspaceId), async (tx) => {
    const res = (await tx.execute(
      sql`insert into messages (workspace_id, conversation_id, role, direction, content, status)
          values (${workspaceId}, ${conversationId}, 'user', 'inbound', ${text}, 'received') returning id`,
    )) as unknown as { rows: { id: string }[] };
    return res.rows[0].id;
  });
}

const messageIds = (c: SseClient) => c.events.filter((f) => f.event === 'message:new').map((f) => f.data.payload.message_id as string);

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Stream A' });
  B = await registerUser({ company_name: 'Stream B' });
  viewer = await addMember(db, A, 'viewer');
  convA = (await newConversation(A, { client_id: await newClient(db, A.workspaceId, 'Айгерим') })).id;
  convB = (await newConversation(B, { client_id: await newClient(db, B.workspaceId, 'Ерлан') })).id;
});
afterAll(async () => {
  await stopRealtimeHub();
  await teardownTestDatabase();
});

describe('GET /api/events/stream', () => {
  it('speaks SSE; drop the connection, write more, resume with Last-Event-ID: every event once, none missing', async () => {
    const first = await open(A);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(first.res.headers.get('x-accel-buffering')).toBe('no');
    expect(first.res.headers.get('cache-control')).toContain('no-transform');
    await first.until((c) => c.frames.some((f) => f.retry === 3000) && c.lastId !== undefined, 'retry and the starting id');

    const early = [await inbound(A.workspaceId, convA, 'Здравствуйте'), await say(A, convA, 'Добрый день!')];
    await first.until((c) => messageIds(c).length === 2, 'two messages');
    const e = first.events.find((f) => f.event === 'message:new')!;
    expect(Number(e.id)).toBe(e.data.seq);
    expect(Object.keys(e.data).sort()).toEqual(['conversation_id', 'created_at', 'payload', 'seq', 'type']);
    expect(e.data).toMatchObject({ type: 'message:new', conversation_id: convA, payload: { message_id: early[0], role: 'user' } });
    first.close();
    await first.until((c) => c.ended, 'the stream to end');
    const resumeFrom = first.lastId!;

    const missed = [await inbound(A.workspaceId, convA, 'А сколько стоит?'), await say(A, convA, 'От 25 000 ₸')];
    const again = await open(A, { lastEventId: resumeFrom });
    const live = await inbound(A.workspaceId, convA, 'Спасибо');
    await again.until((c) => messageIds(c).length === 3, 'the missed and the live messages');
    expect(messageIds(again)).toEqual([...missed, live]);
    // seq continues without a gap or a repeat across the two connections.
    const seqs = [...first.events, ...again.events].map((f) => f.data.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    // ?after= does the same for clients that cannot set the header.
    const viaQuery = await open(A, { query: `?after=${resumeFrom}` });
    await viaQuery.until((c) => messageIds(c).length === 3, 'the same three');
    expect(messageIds(viaQuery)).toEqual([...missed, live]);
    again.close();
    viaQuery.close();
  });

  it('closing the connection unsubscribes (no leak)', async () => {
    const clients = await Promise.all([open(A), open(A), open(viewer)]);
    await Promise.all(clients.map((c) => c.until((x) => x.lastId !== undefined, 'ready')));
    expect(realtimeSubscriberCount(A.workspaceId)).toBe(3);
    clients.forEach((c) => c.close());
    await Promise.all(clients.map((c) => c.until((x) => x.ended, 'end')));
    expect(realtimeSubscriberCount(A.workspaceId)).toBe(0);
    expect(realtimeSubscriberCount()).toBe(0);
  });

  it('sends `: ping` heartbeats', async () => {
    const handler = createEventStreamHandler({ pingMs: 40 }) as unknown as Handler;
    const c = await open(A, { handler });
    await c.until((x) => x.frames.filter((f) => f.comment === 'ping').length >= 2, 'two pings');
    c.close();
  });

  it("B's member never receives A's events, even naming A's workspace", async () => {
    const b = await open(B);
    await b.until((c) => c.lastId !== undefined, 'ready');
    await inbound(A.workspaceId, convA, 'секрет А');
    await say(A, convA, 'ответ А');
    const marker = await inbound(B.workspaceId, convB, 'маркер Б');
    await b.until((c) => messageIds(c).includes(marker), 'B’s own message');
    expect(b.events.every((f) => f.data.conversation_id === null || f.data.conversation_id === convB)).toBe(true);
    expect(JSON.stringify(b.frames)).not.toContain(convA);
    b.close();

    const named = await api('GET', '/api/events/stream', { token: B.token, query: { workspace_id: A.workspaceId } });
    expect(named.status).toBe(403);
    expect(named.body.error.code).toBe('not_a_member');
    const header = await api('GET', '/api/events/stream', { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(header.status).toBe(403);
  });

  it('a notification for one member reaches only that member; a team notification reaches all', async () => {
    const owner = await open(A);
    const v = await open(viewer);
    await Promise.all([owner, v].map((c) => c.until((x) => x.lastId !== undefined, 'ready')));
    const runtime = systemActor('agent-runtime', A.workspaceId);
    const personal = (await createNotification(runtime, { type: 'task_created', title: 'Задача для владельца', userId: A.userId })).id;
    const team = (await createNotification(runtime, { type: 'new_lead', title: 'Новый лид: Айгерим' })).id;
    // An event only admins may see (published by code, not a trigger): not for the viewer.
    await withActor(systemActor(CHANNELS_ACTOR, A.workspaceId), (tx) =>
      publishRealtime(tx, { type: 'integration:updated', permission: 'integrations.write', payload: { type: 'telegram' } }),
    );
    const notes = (c: SseClient) => c.events.filter((f) => f.event === 'notification:new').map((f) => f.data.payload.notification_id);
    await owner.until((c) => notes(c).length === 2, 'both for the owner');
    await v.until((c) => notes(c).includes(team), 'the team one for the viewer');
    expect(notes(owner)).toEqual([personal, team]);
    expect(notes(v)).toEqual([team]);
    await owner.until((c) => c.events.some((f) => f.event === 'integration:updated'), 'the admin-only event for the owner');
    expect(v.events.some((f) => f.event === 'integration:updated')).toBe(false);
    owner.close();
    v.close();
  });

  it("a removed member's stream closes", async () => {
    const handler = createEventStreamHandler({ recheckMs: 40 }) as unknown as Handler;
    const m = await addMember(db, A, 'member');
    const c = await open(m, { handler });
    await c.until((x) => x.lastId !== undefined, 'ready');
    expect(c.ended).toBe(false);
    await db.query('delete from memberships where workspace_id = $1 and user_id = $2', [A.workspaceId, m.userId]);
    await c.until((x) => x.ended, 'the stream to close');
    expect(realtimeSubscriberCount(A.workspaceId)).toBe(0);
  });

  it('a Last-Event-ID beyond the log gets `reset`; bad input is a 4xx, never a stream', async () => {
    const c = await open(A, { lastEventId: '999999' });
    await c.until((x) => x.frames.some((f) => f.event === 'reset'), 'reset');
    const reset = c.frames.find((f) => f.event === 'reset')!;
    expect(Number(reset.id)).toBeLessThan(999999);
    const next = await inbound(A.workspaceId, convA, 'после сброса');
    await c.until((x) => messageIds(x).includes(next), 'events after the reset');
    c.close();

    const bad = await api('GET', '/api/events/stream', { token: A.token, headers: { 'last-event-id': 'abc' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('Last-Event-ID');
    const badAfter = await api('GET', '/api/events/stream', { token: A.token, query: { after: '-1' } });
    expect(badAfter.status).toBe(400);
    expect(badAfter.body.error.details.fields[0].field).toBe('after');
    const anon = await api('GET', '/api/events/stream', {});
    expect(anon.status).toBe(401);
  });
});
