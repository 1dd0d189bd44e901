// The live inbox's reading API (docs/channels-api.md "Conversations and the inbox"): each new
// filter of GET /api/conversations narrows to exactly the right dialogs, q finds dialogs by
// the client's name and by message text, every row and GET /:id carry who holds the dialog,
// and another workspace's member never reaches these dialogs through filters or search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, disableRateLimits, newAgent, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let bMember: Awaited<ReturnType<typeof addMember>>;
let agentId: string;
// A's dialogs: tg (telegram, agent, unread, reply pending), wa (whatsapp, responsible = A,
// needs a human), human (taken over by A until a time), paused (paused by the system with a reason), plain.
const ids: Record<'tg' | 'wa' | 'human' | 'paused' | 'plain', string> = { tg: '', wa: '', human: '', paused: '', plain: '' };
let bConv: string;
const replyAt = new Date(Date.now() + 90_000);
const resumeAt = new Date(Date.now() + 3_600_000);

const list = async (user: { token: string; headers?: Record<string, string> }, query: Record<string, string> = {}) => {
  const res = await api('GET', '/api/conversations', { token: user.token, headers: user.headers, query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { id: string; holder: any; [k: string]: any }[];
};
const idsOf = async (user: { token: string; headers?: Record<string, string> }, query: Record<string, string> = {}) =>
  (await list(user, query)).map((c) => c.id).sort();
const sorted = (...v: string[]) => [...v].sort();

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Ремонт телефонов А' });
  B = await registerUser({ company_name: 'Стройка Б' });
  bMember = await addMember(db, B, 'member');
  agentId = (await newAgent(A.token, { name: 'Продавец' })).id;

  const clients = {
    tg: await newClient(db, A.workspaceId, 'Айгерим Сапарова'),
    wa: await newClient(db, A.workspaceId, 'Данияр Ахметов'),
    human: await newClient(db, A.workspaceId, 'Ольга Ким'),
    paused: await newClient(db, A.workspaceId, 'Марат Жумабаев'),
    plain: await newClient(db, A.workspaceId, 'Сергей Петров'),
  };
  ids.tg = (await newConversation(A, { client_id: clients.tg, channel: 'telegram' })).id;
  ids.wa = (await newConversation(A, { client_id: clients.wa, channel: 'whatsapp', responsible_user_id: A.userId })).id;
  ids.human = (await newConversation(A, { client_id: clients.human, channel: 'telegram' })).id;
  ids.paused = (await newConversation(A, { client_id: clients.paused, channel: 'web_chat' })).id;
  ids.plain = (await newConversation(A, { client_id: clients.plain })).id;
  const send = async (id: string, content: string) =>
    expect((await api("POST", `/api/conversations/${id}/messages`, { token: A.token, body: { content } })).body).toMatchObject({ message: { content } });
  await send(ids.wa, 'Экран для самсунга приедет в четверг');
  await send(ids.plain, 'Батарея в наличии');

  // State the channel path writes (the agent, unread customer messages, a pending reply, a
  // human holding the dialog) is set straight in the tables.
  await db.query(`update agents set is_active = true where id = $1`, [agentId]);
  await db.query(`update conversations set agent_id = $2, unread_count = 2 where id = $1`, [ids.tg, agentId]);
  await db.query(`insert into due_work (workspace_id, kind, subject, due_at) values ($1, 'conversation.reply', $2, $3)`, [
    A.workspaceId,
    `conversation:${ids.tg}`,
    replyAt.toISOString(),
  ]);
  await db.query(`update conversations set needs_human_since = now() where id = $1`, [ids.wa]);
  await db.query(
    `update conversations set status = 'paused', paused_by = 'human', paused_at = now(), pause_reason = 'takeover', paused_by_user_id = $2, resume_at = $3, agent_id = $4 where id = $1`,
    [ids.human, A.userId, resumeAt.toISOString(), agentId],
  );
  await db.query(`update conversations set status = 'paused', paused_by = 'system', paused_at = now(), pause_reason = 'Клиент просил не писать' where id = $1`, [
    ids.paused,
  ]);

  const bClient = await newClient(db, B.workspaceId, 'Айгерим Б');
  bConv = (await newConversation(B, { client_id: bClient, channel: 'telegram' })).id;
  expect((await api('POST', `/api/conversations/${bConv}/messages`, { token: B.token, body: { content: 'Смета готова' } })).status).toBe(201);
  await db.query(`update conversations set unread_count = 1, needs_human_since = now() where id = $1`, [bConv]);
});
afterAll(teardownTestDatabase);

describe('filters', () => {
  it('channel_type, agent_id, unread and needs_human each narrow to exactly their dialogs', async () => {
    expect(await idsOf(A)).toEqual(sorted(...Object.values(ids)));
    expect(await idsOf(A, { channel_type: 'telegram' })).toEqual(sorted(ids.tg, ids.human));
    expect(await idsOf(A, { channel_type: 'web_chat' })).toEqual([ids.paused]);
    expect(await idsOf(A, { agent_id: agentId })).toEqual(sorted(ids.tg, ids.human));
    expect(await idsOf(A, { unread: 'true' })).toEqual([ids.tg]);
    expect(await idsOf(A, { needs_human: 'true' })).toEqual([ids.wa]);
    expect(await idsOf(A, { needs_human: 'true', channel_type: 'telegram' })).toEqual([]);
    expect(await idsOf(A, { unread: 'true', agent_id: agentId, channel_type: 'telegram' })).toEqual([ids.tg]);
  });

  it('responsible = me, none or a user id', async () => {
    expect(await idsOf(A, { responsible: 'me' })).toEqual([ids.wa]);
    expect(await idsOf(A, { responsible: A.userId })).toEqual([ids.wa]);
    expect(await idsOf(A, { responsible: 'none' })).toEqual(sorted(ids.tg, ids.human, ids.paused, ids.plain));
  });

  it('q finds dialogs by the client name and by message text, keyset pages kept', async () => {
    expect(await idsOf(A, { q: 'айгер' })).toEqual([ids.tg]);
    expect(await idsOf(A, { q: 'самсунг' })).toEqual([ids.wa]);
    expect(await idsOf(A, { q: 'четверг экран' })).toEqual([ids.wa]);
    expect(await idsOf(A, { q: 'батарея', channel_type: 'telegram' })).toEqual([]);
    expect(await idsOf(A, { q: 'нетакогослова' })).toEqual([]);
    const first = await api('GET', '/api/conversations', { token: A.token, query: { limit: 2 } });
    expect(first.body.data).toHaveLength(2);
    const second = await api('GET', '/api/conversations', { token: A.token, query: { limit: 2, cursor: first.body.next_cursor } });
    const third = await api('GET', '/api/conversations', { token: A.token, query: { limit: 2, cursor: second.body.next_cursor } });
    const all = [...first.body.data, ...second.body.data, ...third.body.data].map((c: { id: string }) => c.id);
    expect(all.sort()).toEqual(sorted(...Object.values(ids)));
    expect(third.body.next_cursor).toBeNull();
  });

  it('bad flags are a 400 naming the field', async () => {
    for (const query of [{ unread: 'yes' }, { needs_human: 'maybe' }, { responsible: 'someone' }, { channel_type: 'fax' }]) {
      const res = await api('GET', '/api/conversations', { token: A.token, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe(Object.keys(query)[0]);
    }
  });
});

describe('holder', () => {
  it('every row says who holds the dialog: the agent (with the pending reply), a human until a time, paused with the reason, nobody', async () => {
    const rows = new Map((await list(A)).map((c) => [c.id, c]));
    expect(rows.get(ids.tg)!.holder).toMatchObject({ kind: 'agent', reply_at: replyAt.toISOString(), needs_human_since: null });
    expect(rows.get(ids.human)!.holder).toMatchObject({ kind: 'human', user_id: A.userId, until: resumeAt.toISOString() });
    expect(rows.get(ids.human)!.holder.user_name).toBeTruthy();
    expect(rows.get(ids.paused)!.holder).toMatchObject({ kind: 'paused', reason: 'Клиент просил не писать' });
    expect(rows.get(ids.plain)!.holder).toMatchObject({ kind: 'nobody', reply_at: null });
    expect(rows.get(ids.wa)!.holder.needs_human_since).toEqual(expect.any(String));
  });

  it('GET /api/conversations/:id carries the same holder', async () => {
    const one = await api('GET', `/api/conversations/${ids.human}`, { token: A.token });
    expect(one.status).toBe(200);
    expect(one.body.conversation.holder).toMatchObject({ kind: 'human', user_id: A.userId, until: resumeAt.toISOString(), reply_at: null });
  });
});

describe('marking a dialog read', () => {
  it('an operator opening the dialog clears its unread count for everyone; the version stays; viewers and other workspaces cannot', async () => {
    const before = (await api('GET', `/api/conversations/${ids.tg}`, { token: A.token })).body.conversation;
    expect(before.unread_count).toBe(2);
    const viewer = await addMember(db, A, 'viewer');
    expect((await api('POST', `/api/conversations/${ids.tg}/read`, { token: viewer.token, headers: viewer.headers })).status).toBe(403);
    expect((await api('POST', `/api/conversations/${ids.tg}/read`, { token: bMember.token, headers: bMember.headers })).status).toBe(404);
    expect(await idsOf(A, { unread: 'true' })).toContain(ids.tg);
    const res = await api('POST', `/api/conversations/${ids.tg}/read`, { token: A.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversation).toEqual({ id: ids.tg, unread_count: 0 });
    expect(await idsOf(A, { unread: 'true' })).not.toContain(ids.tg);
    const after = (await api('GET', `/api/conversations/${ids.tg}`, { token: A.token })).body.conversation;
    expect(after.version).toBe(before.version);
    // Again: nothing to clear, same answer; an unknown id is a 404.
    expect((await api('POST', `/api/conversations/${ids.tg}/read`, { token: A.token })).body.conversation).toEqual({ id: ids.tg, unread_count: 0 });
    expect((await api('POST', `/api/conversations/${crypto.randomUUID()}/read`, { token: A.token })).status).toBe(404);
    await db.query(`update conversations set unread_count = 2 where id = $1`, [ids.tg]);
  });
});

describe('isolation', () => {
  it("B's member never sees A's dialogs through any filter or search, and A never sees B's", async () => {
    const queries: Record<string, string>[] = [
      {},
      { channel_type: 'telegram' },
      { agent_id: agentId },
      { unread: 'true' },
      { needs_human: 'true' },
      { responsible: A.userId },
      { q: 'айгер' },
      { q: 'самсунг' },
      { q: 'батарея' },
    ];
    for (const query of queries) {
      const seen = await idsOf(bMember, query);
      for (const id of Object.values(ids)) expect(seen, JSON.stringify(query)).not.toContain(id);
    }
    expect(await idsOf(bMember, { q: 'айгер' })).toEqual([bConv]);
    expect(await idsOf(bMember, { unread: 'true', needs_human: 'true' })).toEqual([bConv]);
    expect(await idsOf(A, { q: 'смета' })).toEqual([]);
    expect(await idsOf(A, { needs_human: 'true' })).toEqual([ids.wa]);
    const other = await api('GET', `/api/conversations/${ids.human}`, { token: bMember.token, headers: bMember.headers });
    expect(other.status).toBe(404);
  });
});
