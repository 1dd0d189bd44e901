// The realtime log and the hub (issue 9): the triggers write an event for every message,
// whoever writes it (a member through the API, the channels system actor); seq is gap-free and
// in commit order under concurrent writers; the hub delivers every event once, in order, from
// any starting point, reads once per workspace however many subscribe, and says "reset" when
// the starting point was pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor, withActor } from '@/lib/db/actor';
import { CHANNELS_ACTOR } from '@/lib/channels/types';
import {
  pruneRealtimeEvents,
  realtimeHubStats,
  realtimeSubscriberCount,
  stopRealtimeHub,
  subscribeRealtime,
  type RealtimeEvent,
} from '@/lib/realtime/hub';
import { disableRateLimits, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let conv: string;

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function channelMessage(workspaceId: string, conversationId: string, text: string): Promise<string> {
  return withActor(systemActor(CHANNELS_ACTOR, workspaceId), async (tx) => {
    const res = (await tx.execute(
      sql`insert into messages (workspace_id, conversation_id, role, direction, content, status)
          values (${workspaceId}, ${conversationId}, 'user', 'inbound', ${text}, 'received') returning id`,
    )) as unknown as { rows: { id: string }[] };
    return res.rows[0].id;
  });
}

async function headSeq(workspaceId: string): Promise<number> {
  const [r] = await db.query<{ s: string | null }>('select max(seq) as s from realtime_events where workspace_id = $1', [workspaceId]);
  return Number(r.s ?? 0);
}

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Live A' });
  const client = await newClient(db, A.workspaceId, 'Айгерим');
  conv = (await newConversation(A, { client_id: client, title: 'Ремонт iPhone' })).id;
});
afterAll(async () => {
  await stopRealtimeHub();
  await teardownTestDatabase();
});

describe('triggers', () => {
  it('a member’s message through the API and a channel’s inbound message both yield message:new', async () => {
    const got: RealtimeEvent[] = [];
    const off = subscribeRealtime(A.workspaceId, await headSeq(A.workspaceId), (e) => got.push(e));
    const sent = await api('POST', `/api/conversations/${conv}/messages`, { token: A.token, body: { content: 'Здравствуйте! Чем помочь?' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const memberMsg = sent.body.message.id as string;
    const inbound = await channelMessage(A.workspaceId, conv, 'Сколько стоит замена экрана?');
    await until(() => got.filter((e) => e.type === 'message:new').length >= 2, 'two message:new');
    off();
    const news = got.filter((e) => e.type === 'message:new');
    expect(news[0]).toMatchObject({
      conversation_id: conv,
      user_id: null,
      permission: 'conversations.read',
      payload: { conversation_id: conv, message_id: memberMsg, role: 'operator' },
    });
    expect(news[1]).toMatchObject({
      conversation_id: conv,
      payload: { conversation_id: conv, message_id: inbound, role: 'user', status: 'received' },
    });
    expect(Date.parse(news[1].created_at)).toBeGreaterThan(Date.now() - 60_000);
    // The reply also moved the dialog (counters, last message): one conversation:updated.
    expect(got.find((e) => e.type === 'conversation:updated')).toMatchObject({
      conversation_id: conv,
      payload: { conversation_id: conv, changes: expect.arrayContaining(['activity']) },
    });
    // Seq numbers of everything delivered are consecutive.
    expect(got.map((e) => e.seq)).toEqual(got.map((_, i) => got[0].seq + i));
  });

  it('an event exists only if the change committed', async () => {
    const before = await headSeq(A.workspaceId);
    await expect(
      withActor(systemActor(CHANNELS_ACTOR, A.workspaceId), async (tx) => {
        await tx.execute(
          sql`insert into messages (workspace_id, conversation_id, role, content) values (${A.workspaceId}, ${conv}, 'user', 'откат')`,
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await headSeq(A.workspaceId)).toBe(before);
    await channelMessage(A.workspaceId, conv, 'после отката');
    expect(await headSeq(A.workspaceId)).toBe(before + 1); // the rolled-back seq is reused: no gap
  });
});

describe('the hub', () => {
  it('20 concurrent writers: a live subscriber sees every seq once, consecutive, in order', async () => {
    const start = await headSeq(A.workspaceId);
    const seen: number[] = [];
    const off = subscribeRealtime(A.workspaceId, start, (e) => seen.push(e.seq));
    const writers = Array.from({ length: 20 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 3; i++) await channelMessage(A.workspaceId, conv, `писатель ${w}, сообщение ${i}`);
      })(),
    );
    await Promise.all(writers);
    await until(() => seen.length >= 60, '60 events');
    off();
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => start + 1 + i));
    const rows = await db.query<{ seq: string }>('select seq from realtime_events where workspace_id = $1 and seq > $2 order by seq', [A.workspaceId, start]);
    expect(rows.map((r) => Number(r.seq))).toEqual(seen);
  });

  it('resumes from any point: the backlog then live events, each once; many subscribers share one reader', async () => {
    const head = await headSeq(A.workspaceId);
    const from = head - 5;
    const resumed: number[] = [];
    const offResumed = subscribeRealtime(A.workspaceId, from, (e) => resumed.push(e.seq));
    const crowd: number[][] = Array.from({ length: 50 }, () => []);
    const offs = crowd.map((list) => subscribeRealtime(A.workspaceId, null, (e) => list.push(e.seq)));
    await until(() => resumed.length >= 5, 'the backlog');
    // Let the crowd's starting point settle before writing.
    await new Promise((r) => setTimeout(r, 50));
    const statsBefore = realtimeHubStats();
    for (let i = 0; i < 5; i++) await channelMessage(A.workspaceId, conv, `живое ${i}`);
    await until(() => crowd.every((l) => l.length >= 5) && resumed.length >= 10, 'live events everywhere');
    const reads = realtimeHubStats().reads - statsBefore.reads;
    expect(resumed).toEqual(Array.from({ length: 10 }, (_, i) => from + 1 + i));
    for (const list of crowd) expect(list).toEqual(Array.from({ length: 5 }, (_, i) => head + 1 + i));
    // 51 subscribers, 5 events: the shared reader ran a handful of times, not 51 × 5.
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(12);
    expect(realtimeSubscriberCount(A.workspaceId)).toBe(51);
    offResumed();
    offs.forEach((off) => off());
    expect(realtimeSubscriberCount(A.workspaceId)).toBe(0);
    expect(realtimeSubscriberCount()).toBe(0);
  });

  it('a starting point that was pruned (or is beyond the log) gets reset, then continues', async () => {
    const B = await registerUser({ company_name: 'Live B' });
    const bClient = await newClient(db, B.workspaceId, 'Ерлан');
    const bConv = (await newConversation(B, { client_id: bClient })).id;
    await channelMessage(B.workspaceId, bConv, 'старое');
    const head = await headSeq(B.workspaceId);
    expect(head).toBeGreaterThanOrEqual(2);
    await db.query(`update realtime_events set created_at = now() - interval '8 days' where workspace_id = $1`, [B.workspaceId]);
    expect(await pruneRealtimeEvents()).toBeGreaterThanOrEqual(head);
    expect(await db.query('select 1 from realtime_events where workspace_id = $1', [B.workspaceId])).toEqual([]);
    // A's recent events are kept.
    expect(await headSeq(A.workspaceId)).toBeGreaterThan(0);

    const resets: number[] = [];
    const got: number[] = [];
    const off = subscribeRealtime(B.workspaceId, 0, (e) => got.push(e.seq), { onReset: (s) => resets.push(s) });
    const future: number[] = [];
    const off2 = subscribeRealtime(B.workspaceId, head + 100, () => {}, { onReset: (s) => future.push(s) });
    await until(() => resets.length === 1 && future.length === 1, 'two resets');
    expect(resets).toEqual([head]);
    expect(future).toEqual([head]);
    await channelMessage(B.workspaceId, bConv, 'новое');
    await until(() => got.length === 1, 'the next event');
    expect(got).toEqual([head + 1]);
    off();
    off2();
  });
});
