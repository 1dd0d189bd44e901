// A dialog's messages: newest first with a before-cursor (no gaps or repeats when messages
// share a timestamp), types=all interleaving the timeline events, and inbound deliveries that
// are one row however often the channel repeats them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor } from '@/lib/db/actor';
import { recordInboundMessage } from '@/lib/crm/messages/record-inbound-message';
import { listMessages } from '@/lib/crm/messages/list-messages';
import { disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let client: string;
let conv: { id: string };
/** Message ids, oldest first. */
let msgIds: string[];
/** Event ids, oldest first. */
let eventIds: string[];

const base = Date.parse('2026-11-20T09:00:00Z');
const at = (minutes: number, micros = 0) => new Date(base + minutes * 60_000).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`).replace(/\.(\d{3})(\d{3})Z$/, '.$1$2Z');

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  client = await newClient(db, A.workspaceId, 'Дана Ким');
  conv = await newConversation(A, { client_id: client });
  await db.query('delete from crm_events where conversation_id = $1', [conv.id]);
  msgIds = [];
  // Minutes 0..3 one each; minute 5: four messages with the very same timestamp; minute 7 one more.
  const times = [at(0), at(1), at(2), at(3), at(5), at(5), at(5), at(5), at(7)];
  for (const [i, t] of times.entries()) {
    const [row] = await db.query<{ id: string }>(
      `insert into messages (workspace_id, conversation_id, role, direction, content, created_at)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [A.workspaceId, conv.id, i % 2 ? 'agent' : 'user', i % 2 ? 'outbound' : 'inbound', `сообщение ${i}`, t],
    );
    msgIds.push(row.id);
  }
  eventIds = [];
  for (const [type, t] of [['stage_changed', at(1, 500)], ['price_changed', at(5)], ['context_updated', at(6)]] as const) {
    const [row] = await db.query<{ id: string }>(
      `insert into crm_events (workspace_id, conversation_id, client_id, event_type, source, payload, created_at)
       values ($1, $2, $3, $4, 'agent', '{"field":"x"}', $5) returning id`,
      [A.workspaceId, conv.id, client, type, t],
    );
    eventIds.push(row.id);
  }
});
afterAll(teardownTestDatabase);

async function walk(query: Record<string, string | number>) {
  const seen: { id: string; type: string; created_at: string }[] = [];
  let before: string | undefined;
  for (let guard = 0; guard < 30; guard++) {
    const res = await api('GET', `/api/conversations/${conv.id}/messages`, { token: A.token, query: { ...query, before } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.data);
    expect(res.body.has_more).toBe(!!res.body.next_cursor);
    if (!res.body.has_more) break;
    before = res.body.next_cursor;
  }
  return seen;
}

describe('GET …/messages', () => {
  it('pages newest first with the before-cursor: every message once, none lost at the shared timestamp', async () => {
    const seen = await walk({ limit: 2 });
    expect(seen.map((m) => m.id)).toHaveLength(msgIds.length);
    expect(new Set(seen.map((m) => m.id))).toEqual(new Set(msgIds));
    expect(seen[0].id).toBe(msgIds[8]);
    expect(seen[seen.length - 1].id).toBe(msgIds[0]);
    const times = seen.map((m) => m.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(seen.every((m) => m.type === 'message')).toBe(true);
    expect(seen[0]).toMatchObject({ role: 'user', direction: 'inbound', content: 'сообщение 8', status: 'received', attachments: [], operator: null });
  });

  it('before may be a plain time: the messages strictly older', async () => {
    const res = await api('GET', `/api/conversations/${conv.id}/messages`, { token: A.token, query: { before: at(5) } });
    expect(res.body.data.map((m: { id: string }) => m.id)).toEqual([msgIds[3], msgIds[2], msgIds[1], msgIds[0]]);
    expect(res.body.has_more).toBe(false);
  });

  it('types=all interleaves the dialog’s events in time order, across pages too', async () => {
    const seen = await walk({ limit: 3, types: 'all' });
    expect(seen).toHaveLength(msgIds.length + eventIds.length);
    const order = seen.map((x) => x.id);
    // The event at minute 6 sits between the minute-7 message and the minute-5 group.
    expect(order.indexOf(eventIds[2])).toBe(1);
    // The event 1 min + 0.5 ms in: right after message 1 (newest first: before it in the list).
    expect(order.indexOf(eventIds[0])).toBe(order.indexOf(msgIds[1]) - 1);
    const ev = seen.find((x) => x.id === eventIds[0])!;
    expect(ev).toMatchObject({ type: 'stage_changed', dialog_id: conv.id, client_id: client, source: 'agent' });
    const times = seen.map((m) => m.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('the default is messages only; bad parameters are 400s; another dialog id is 404', async () => {
    const res = await api('GET', `/api/conversations/${conv.id}/messages`, { token: A.token });
    expect(res.body.data.every((m: { type: string }) => m.type === 'message')).toBe(true);
    expectFieldError(await api('GET', `/api/conversations/${conv.id}/messages`, { token: A.token, query: { types: 'events' } }), 'types');
    expectFieldError(await api('GET', `/api/conversations/${conv.id}/messages`, { token: A.token, query: { before: 'abc' } }), 'before');
    expectFieldError(await api('GET', `/api/conversations/${conv.id}/messages`, { token: A.token, query: { limit: 0 } }), 'limit');
    expect((await api('GET', `/api/conversations/${crypto.randomUUID()}/messages`, { token: A.token })).status).toBe(404);
  });
});

describe('recordInboundMessage', () => {
  it('a repeated channel message id is one row; the counters move once', async () => {
    const c = await newConversation(A, { client_id: client });
    const actor = systemActor('agent-runtime', A.workspaceId);
    const first = await recordInboundMessage(actor, c.id, { content: 'Здравствуйте, экран треснул', external_message_id: 'wa-1001', sender_name: 'Дана' });
    const again = await recordInboundMessage(actor, c.id, { content: 'Здравствуйте, экран треснул', external_message_id: 'wa-1001' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.message.id).toBe(first.message.id);
    expect(first.message).toMatchObject({ role: 'user', direction: 'inbound', status: 'received', external_message_id: 'wa-1001', sender_name: 'Дана' });
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from messages where conversation_id = $1', [c.id]);
    expect(n).toBe(1);
    const now = (await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation;
    expect(now).toMatchObject({ messages_count: 1, unread_count: 1, last_message: { direction: 'inbound', content: 'Здравствуйте, экран треснул' } });
    // The same channel id in another dialog is another message.
    const other = await newConversation(A, { client_id: client });
    expect((await recordInboundMessage(actor, other.id, { content: 'x', external_message_id: 'wa-1001' })).created).toBe(true);
    const page = await listMessages(actor, c.id, {});
    expect(page.data.map((m) => m.id)).toEqual([first.message.id]);
    // A human reply clears the unread count.
    await api('POST', `/api/conversations/${c.id}/messages`, { token: A.token, body: { content: 'Привезите сегодня' } });
    const after = (await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation;
    expect(after).toMatchObject({ messages_count: 2, unread_count: 0, last_message: { direction: 'outbound' } });
  });
});
