// Conversations (= dialogs = deals) through the API: create by hand, every list filter, keyset
// pages, the board, PATCH with timeline events and audit rows, optimistic concurrency, context
// merge, pause/resume, a human reply pausing the agent, and what each role may do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor } from '@/lib/db/actor';
import { updateContext } from '@/lib/crm/conversations/update-context';
import { MESSAGE_HITS_CAP } from '@/lib/crm/conversations/load-conversations';
import { addMember, auditRows, disableRateLimits, expectFieldError, newAgent, type TestUser } from './agents-fixtures';
import { defaultPipeline, eventsOf, newClient, newConversation, otherPipeline, type StageRef } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let member: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;
let admin: Awaited<ReturnType<typeof addMember>>;
let main: { id: string; stages: StageRef[] };
let other: { id: string; stages: StageRef[] };
let aigerim: string;
let bolat: string;

const stage = (code: string) => main.stages.find((s) => s.code === code)!;
const list = async (query: Record<string, string | number | undefined>, who: { token: string; headers?: Record<string, string> } = A) => {
  const res = await api('GET', '/api/conversations', { token: who.token, headers: who.headers, query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { data: any[]; next_cursor: string | null };
};
const patch = (id: string, body: Record<string, unknown>, who: { token: string; headers?: Record<string, string> } = A) =>
  api('PATCH', `/api/conversations/${id}`, { token: who.token, headers: who.headers, body });

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  [member, viewer, admin] = [await addMember(db, A, 'member'), await addMember(db, A, 'viewer'), await addMember(db, A, 'admin')];
  main = await defaultPipeline(db, A.workspaceId);
  other = await otherPipeline(db, A.workspaceId);
  aigerim = await newClient(db, A.workspaceId, 'Айгерим Сапарова', '+77011234567');
  bolat = await newClient(db, A.workspaceId, 'Болат Нурланов');
  await db.query(
    `insert into crm_fields (workspace_id, entity_type, code, name, field_type, options) values
      ($1, 'deal', 'warranty_months', 'Гарантия, мес.', 'number', '[]'), ($1, 'deal', 'source', 'Источник', 'select', '["instagram","2gis"]')`,
    [A.workspaceId],
  );
});
afterAll(teardownTestDatabase);

describe('create by hand', () => {
  it('lands in the default pipeline’s first stage, writes dialog_created, the client’s contact times and an audit row', async () => {
    const c = await newConversation(A, { client_id: aigerim, title: 'iPhone 14 Pro — экран' });
    expect(c).toMatchObject({
      title: 'iPhone 14 Pro — экран',
      client: { id: aigerim, name: 'Айгерим Сапарова', phone: '+77011234567' },
      channel: 'manual',
      status: 'active',
      pipeline_id: main.id,
      stage: { id: main.stages[0].id, code: 'new', kind: 'open' },
      price: null,
      tags: [],
      context: {},
      custom_fields: {},
      messages_count: 0,
      last_message: null,
      version: 1,
    });
    const events = await eventsOf(db, c.id);
    expect(events).toEqual([expect.objectContaining({ event_type: 'dialog_created', source: 'user', actor_user_id: A.userId, client_id: aigerim })]);
    const [client] = await db.query<{ first_contact_at: Date | null; last_contact_at: Date | null }>(
      'select first_contact_at, last_contact_at from clients where id = $1',
      [aigerim],
    );
    expect(client.first_contact_at).not.toBeNull();
    expect(client.last_contact_at).not.toBeNull();
    const audit = await auditRows(db, A.workspaceId, 'create_conversation');
    expect(audit.some((r) => r.entity_id === c.id && r.user_id === A.userId)).toBe(true);
    // GET adds who holds the dialog (issue 9, docs/channels-api.md).
    expect((await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation).toEqual({ ...c, holder: expect.objectContaining({ kind: 'nobody' }) });
  });

  it('takes a stage of another pipeline together with that pipeline', async () => {
    const c = await newConversation(A, { client_id: bolat, stage_id: other.stages[1].id, price: 1500.5, tags: ['опт', 'опт'], context: { device: 'Samsung' } });
    expect(c).toMatchObject({ pipeline_id: other.id, stage: { code: 'deal' }, price: 1500.5, tags: ['опт'], context: { device: 'Samsung' } });
  });

  it('refuses an unknown client, another workspace’s client, a stage outside the pipeline and a bad custom field', async () => {
    const foreign = await newClient(db, B.workspaceId, 'Чужой клиент');
    expectFieldError(await api('POST', '/api/conversations', { token: A.token, body: { client_id: foreign } }), 'client_id');
    expectFieldError(await api('POST', '/api/conversations', { token: A.token, body: { client_id: crypto.randomUUID() } }), 'client_id');
    expectFieldError(await api('POST', '/api/conversations', { token: A.token, body: { client_id: 'nope' } }), 'client_id');
    expectFieldError(
      await api('POST', '/api/conversations', { token: A.token, body: { client_id: aigerim, pipeline_id: main.id, stage_id: other.stages[0].id } }),
      'stage_id',
    );
    expectFieldError(await api('POST', '/api/conversations', { token: A.token, body: { client_id: aigerim, stage_id: crypto.randomUUID() } }), 'stage_id');
    expectFieldError(
      await api('POST', '/api/conversations', { token: A.token, body: { client_id: aigerim, custom_fields: { warranty_months: 'много' } } }),
      'custom_fields.warranty_months',
    );
    expectFieldError(await api('POST', '/api/conversations', { token: A.token, body: { client_id: aigerim, price: -1 } }), 'price');
    expectFieldError(await api('POST', '/api/conversations', { token: A.token, body: { client_id: aigerim, responsible_user_id: B.userId } }), 'responsible_user_id');
  });
});

describe('list filters', () => {
  let ids: Record<string, string>;
  let agentId: string;
  let client: string;

  beforeAll(async () => {
    client = await newClient(db, A.workspaceId, 'Фильтров Тест');
    const agent = await newAgent(A.token, { name: 'Фильтр-агент' });
    agentId = agent.id;
    const mk = async (key: string, body: Record<string, unknown>) => [key, (await newConversation(A, { client_id: client, ...body })).id] as const;
    ids = Object.fromEntries([
      await mk('plain', {}),
      await mk('quoted', { stage_id: stage('quoted').id, price: 30000, tags: ['vip', 'срочно'] }),
      await mk('cheap', { price: 5000, tags: ['vip'], responsible_user_id: member.userId, channel: 'telegram' }),
      await mk('other', { pipeline_id: other.id }),
    ]);
    await db.query(`update conversations set status = 'closed' where id = $1`, [ids.plain]);
    await db.query(`update conversations set agent_id = $2 where id = $1`, [ids.cheap, agentId]);
    await db.query(`update conversations set created_at = '2026-01-15T12:00:00Z' where id = $1`, [ids.other]);
    await db.query(
      `insert into messages (workspace_id, conversation_id, role, direction, content) values ($1, $2, 'user', 'inbound', 'Сколько стоит замена аккумулятора на Pixel?')`,
      [A.workspaceId, ids.quoted],
    );
  });

  const only = async (query: Record<string, string | number>) => (await list({ client_id: client, ...query })).data.map((c) => c.id).sort();
  const keys = (...k: string[]) => k.map((x) => ids[x]).sort();

  it('client_id alone lists that client’s four', async () => expect(await only({})).toEqual(keys('plain', 'quoted', 'cheap', 'other')));
  it('status', async () => expect(await only({ status: 'closed' })).toEqual(keys('plain')));
  it('agent_id', async () => expect(await only({ agent_id: agentId })).toEqual(keys('cheap')));
  it('channel_type', async () => expect(await only({ channel_type: 'telegram' })).toEqual(keys('cheap')));
  it('pipeline_id', async () => expect(await only({ pipeline_id: other.id })).toEqual(keys('other')));
  it('stage_id', async () => expect(await only({ stage_id: stage('quoted').id })).toEqual(keys('quoted')));
  it('responsible: a user, me, none', async () => {
    expect(await only({ responsible: member.userId })).toEqual(keys('cheap'));
    expect((await list({ client_id: client, responsible: 'me' }, member)).data.map((c) => c.id)).toEqual([ids.cheap]);
    expect(await only({ responsible: 'none' })).toEqual(keys('plain', 'quoted', 'other'));
  });
  it('tag (one, or several that must all be there)', async () => {
    expect(await only({ tag: 'vip' })).toEqual(keys('quoted', 'cheap'));
    const res = await api('GET', `/api/conversations?client_id=${client}&tag=vip&tag=${encodeURIComponent('срочно')}`, { token: A.token });
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([ids.quoted]);
  });
  it('price range', async () => {
    expect(await only({ price_min: 10000 })).toEqual(keys('quoted'));
    expect(await only({ price_max: 10000 })).toEqual(keys('cheap'));
  });
  it('date_from / date_to on the creation date (a bare date_to includes the day)', async () => {
    expect(await only({ date_to: '2026-01-15' })).toEqual(keys('other'));
    expect(await only({ date_from: '2026-01-16' })).toEqual(keys('plain', 'quoted', 'cheap'));
    expect(await only({ date_from: '2026-01-15', date_to: '2026-01-15' })).toEqual(keys('other'));
  });
  it('search by client name prefix and by message text', async () => {
    const byName = (await list({ search: 'фильтр' })).data.map((c) => c.id).sort();
    expect(byName).toEqual(keys('plain', 'quoted', 'cheap', 'other'));
    expect((await list({ search: 'аккумулятор pixel' })).data.map((c) => c.id)).toEqual([ids.quoted]);
    expect((await list({ search: 'аккумул' })).data.map((c) => c.id)).toEqual([ids.quoted]);
    expect((await list({ search: 'несуществующееслово' })).data).toEqual([]);
  });
  it('a term in more than MESSAGE_HITS_CAP messages is found by walking the dialogs (same answer)', async () => {
    const chatty = await newConversation(A, { client_id: bolat });
    const quiet = await newConversation(A, { client_id: aigerim });
    await db.query(
      `insert into messages (workspace_id, conversation_id, role, content, created_at)
       select $1, $2, 'user', 'Обычный вопрос про гарантию ' || i, now() - interval '1 day' from generate_series(1, $3::int) i`,
      [A.workspaceId, chatty.id, MESSAGE_HITS_CAP],
    );
    await db.query(`insert into messages (workspace_id, conversation_id, role, content) values ($1, $2, 'user', 'гарантийный талон потерян')`, [A.workspaceId, quiet.id]);
    const found = (await list({ search: 'гарант', limit: 200 })).data.map((c) => c.id);
    expect(found.sort()).toEqual([chatty.id, quiet.id].sort());
    // In this mode client names still match: "гарант" or a name, never both required.
    const byName = (await list({ search: 'болат', limit: 200 })).data.map((c) => c.id);
    expect(byName).toContain(chatty.id);
    const walkPaged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ search: 'гарант', limit: 1, cursor });
      walkPaged.push(...page.data.map((c) => c.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(walkPaged.sort()).toEqual([chatty.id, quiet.id].sort());
  });

  it('a list item carries the last message and the client', async () => {
    const [item] = (await list({ stage_id: stage('quoted').id, client_id: client })).data;
    expect(item).toMatchObject({
      client: { id: client, name: 'Фильтров Тест' },
      stage: { code: 'quoted' },
      last_message: { direction: 'inbound', content: 'Сколько стоит замена аккумулятора на Pixel?' },
    });
    const cheap = (await list({ agent_id: agentId })).data[0];
    expect(cheap).toMatchObject({ agent: { id: agentId, name: 'Фильтр-агент' }, responsible: { id: member.userId } });
  });
  it('bad filters are a 400 naming them', async () => {
    expectFieldError(await api('GET', '/api/conversations', { token: A.token, query: { status: 'open' } }), 'status');
    expectFieldError(await api('GET', '/api/conversations', { token: A.token, query: { limit: 500 } }), 'limit');
    expectFieldError(await api('GET', '/api/conversations', { token: A.token, query: { cursor: 'garbage' } }), 'cursor');
    expectFieldError(await api('GET', '/api/conversations', { token: A.token, query: { date_from: 'yesterday' } }), 'date_from');
    expectFieldError(await api('GET', '/api/conversations', { token: A.token, query: { sort: 'name' } }), 'sort');
  });
});

describe('keyset pages', () => {
  let client: string;
  let all: string[];

  beforeAll(async () => {
    client = await newClient(db, A.workspaceId, 'Страничный Клиент');
    all = [];
    for (let i = 0; i < 7; i++) all.push((await newConversation(A, { client_id: client, price: i % 3 === 0 ? null : 1000 * (i % 2) })).id);
    // Five share last_message_at and created_at to the microsecond; two differ by a microsecond.
    await db.query(`update conversations set last_message_at = '2026-11-01T10:00:00.123456Z', created_at = '2026-11-01T10:00:00.123456Z' where client_id = $1`, [client]);
    await db.query(`update conversations set last_message_at = '2026-11-01T10:00:00.123457Z' where id = $1`, [all[5]]);
    await db.query(`update conversations set last_message_at = '2026-11-01T10:00:00.123455Z' where id = $1`, [all[6]]);
  });

  async function walk(query: Record<string, string | number>) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await list({ client_id: client, limit: 2, ...query, cursor });
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((c) => c.id));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    return seen;
  }

  it.each([
    [{}],
    [{ order: 'asc' }],
    [{ sort: 'created_at' }],
    [{ sort: 'price' }],
    [{ sort: 'price', order: 'asc' }],
  ])('%j: every row once, no gaps, in order', async (query) => {
    const seen = await walk(query as Record<string, string>);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...all].sort());
    const single = (await list({ client_id: client, limit: 50, ...(query as Record<string, string>) })).data.map((c) => c.id);
    expect(seen).toEqual(single);
  });

  it('the newest (by a microsecond) comes first and the oldest last', async () => {
    const seen = await walk({});
    expect(seen[0]).toBe(all[5]);
    expect(seen[seen.length - 1]).toBe(all[6]);
  });
});

describe('board', () => {
  it('per stage of a pipeline: first per_stage deals, total count and total price, more via the list', async () => {
    const client = await newClient(db, A.workspaceId, 'Доска Клиент');
    const p = await otherPipeline(db, A.workspaceId, 'Доска');
    const made: string[] = [];
    for (const price of [100, 200, 300]) made.push((await newConversation(A, { client_id: client, pipeline_id: p.id, price })).id);
    await newConversation(A, { client_id: client, stage_id: p.stages[1].id, price: 50, tags: ['x'] });
    await db.query(`update conversations set last_message_at = now() + (interval '1 minute' * price) where pipeline_id = $1`, [p.id]);
    const res = await api('GET', '/api/conversations/board', { token: A.token, query: { pipeline_id: p.id, per_stage: 2 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pipeline).toMatchObject({ id: p.id, name: 'Доска', deals_count: 4, stages: [{ code: 'lead' }, { code: 'deal' }] });
    const [lead, deal] = res.body.columns;
    expect(lead).toMatchObject({ stage: { code: 'lead' }, total: 3, total_price: 600 });
    expect(lead.deals.map((d: { id: string }) => d.id)).toEqual([made[2], made[1]]);
    expect(deal).toMatchObject({ total: 1, total_price: 50, next_cursor: null });
    const more = await list({ stage_id: p.stages[0].id, cursor: lead.next_cursor });
    expect(more.data.map((d) => d.id)).toEqual([made[0]]);
    const filtered = await api('GET', '/api/conversations/board', { token: A.token, query: { pipeline_id: p.id, tag: 'x' } });
    expect(filtered.body.columns.map((c: { total: number }) => c.total)).toEqual([0, 1]);
    const byDefault = await api('GET', '/api/conversations/board', { token: A.token });
    expect(byDefault.body.pipeline.id).toBe(main.id);
    expect(byDefault.body.columns).toHaveLength(main.stages.length);
    expect((await api('GET', '/api/conversations/board', { token: B.token, query: { pipeline_id: p.id } })).status).toBe(404);
  });
});

describe('PATCH', () => {
  it('stage, price, tags, responsible, context and custom fields: timeline events with old/new/source and one audit row', async () => {
    const c = await newConversation(A, { client_id: aigerim, price: 40000, tags: ['a'], context: { device: 'iPhone 13', issue: 'экран' } });
    const res = await patch(c.id, {
      version: c.version,
      stage_id: stage('quoted').id,
      price: 45000,
      tags: ['a', 'b'],
      responsible_user_id: member.userId,
      context: { device: 'iPhone 14', awaiting: 'photo' },
      custom_fields: { warranty_months: '6', source: '2gis' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversation).toMatchObject({
      version: c.version + 1,
      stage: { code: 'quoted' },
      price: 45000,
      tags: ['a', 'b'],
      responsible: { id: member.userId },
      context: { device: 'iPhone 14', awaiting: 'photo' },
      custom_fields: { warranty_months: 6, source: '2gis' },
    });
    const events = (await eventsOf(db, c.id)).filter((e) => e.event_type !== 'dialog_created');
    expect(events.every((e) => e.source === 'user' && e.actor_user_id === A.userId)).toBe(true);
    const byType = (t: string) => events.filter((e) => e.event_type === t).map((e) => e.payload);
    expect(byType('stage_changed')).toEqual([
      expect.objectContaining({ old_stage: 'new', new_stage: 'quoted', old_stage_id: stage('new').id, new_stage_id: stage('quoted').id, price: 45000 }),
    ]);
    expect(byType('price_changed')).toEqual([{ field: 'price', old_value: 40000, new_value: 45000 }]);
    expect(byType('tags_changed')).toEqual([{ field: 'tags', old_value: ['a'], new_value: ['a', 'b'] }]);
    expect(byType('operator_assigned')).toEqual([{ field: 'responsible_user_id', old_value: null, new_value: member.userId }]);
    expect(byType('context_updated').sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { field: 'awaiting', old_value: null, new_value: 'photo' },
      { field: 'device', old_value: 'iPhone 13', new_value: 'iPhone 14' },
      { field: 'issue', old_value: 'экран', new_value: null },
    ]);
    expect(byType('field_updated').map((p) => [p.field, p.new_value]).sort()).toEqual([['source', '2gis'], ['warranty_months', 6]]);
    const audit = (await auditRows(db, A.workspaceId, 'update_conversation')).filter((r) => r.entity_id === c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].old_values).toMatchObject({ price: 40000, stage_id: stage('new').id, tags: ['a'] });
    expect(audit[0].new_values).toMatchObject({ price: 45000, stage_id: stage('quoted').id, tags: ['a', 'b'] });
    const [{ stage_changed_at }] = await db.query<{ stage_changed_at: Date }>('select stage_changed_at from conversations where id = $1', [c.id]);
    expect(stage_changed_at).not.toBeNull();
  });

  it('an unchanged value writes nothing and keeps the version', async () => {
    const c = await newConversation(A, { client_id: aigerim, price: 10 });
    const res = await patch(c.id, { version: c.version, price: 10 });
    expect(res.body.conversation.version).toBe(c.version);
    expect((await eventsOf(db, c.id)).map((e) => e.event_type)).toEqual(['dialog_created']);
  });

  it('two writes based on the same version: the second gets 409 stale_version with the current state', async () => {
    const c = await newConversation(A, { client_id: aigerim });
    const first = await patch(c.id, { version: c.version, stage_id: stage('quoted').id }, member);
    expect(first.status).toBe(200);
    const second = await patch(c.id, { version: c.version, stage_id: stage('approved').id });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('stale_version');
    expect(second.body.error.details.current).toMatchObject({ id: c.id, version: c.version + 1, stage: { code: 'quoted' } });
    expect((await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation.stage.code).toBe('quoted');
    expectFieldError(await patch(c.id, { stage_id: stage('approved').id }), 'version');
  });

  it('closing writes dialog_completed and closed_at; the stage of a won kind does not close it', async () => {
    const c = await newConversation(A, { client_id: aigerim });
    const won = (await db.query<{ id: string }>(`select id from pipeline_stages where pipeline_id = $1 and kind = 'won' limit 1`, [main.id]))[0];
    const moved = await patch(c.id, { version: 1, stage_id: won.id });
    expect(moved.body.conversation.status).toBe('active');
    const closed = await patch(c.id, { version: 2, status: 'closed' });
    expect(closed.body.conversation).toMatchObject({ status: 'closed', version: 3 });
    expect(closed.body.conversation.closed_at).not.toBeNull();
    expect((await eventsOf(db, c.id)).map((e) => e.event_type)).toContain('dialog_completed');
  });

  it('a stage of another pipeline, an unknown stage and a wrong custom field type are 400s naming the field', async () => {
    const c = await newConversation(A, { client_id: aigerim });
    expectFieldError(await patch(c.id, { version: 1, stage_id: other.stages[0].id }), 'stage_id');
    expectFieldError(await patch(c.id, { version: 1, stage_id: crypto.randomUUID() }), 'stage_id');
    expectFieldError(await patch(c.id, { version: 1, custom_fields: { warranty_months: 'шесть' } }), 'custom_fields.warranty_months');
    expectFieldError(await patch(c.id, { version: 1, custom_fields: { source: 'радио' } }), 'custom_fields.source');
    expectFieldError(await patch(c.id, { version: 1, custom_fields: { nope: 1 } }), 'custom_fields.nope');
    expectFieldError(await patch(c.id, { version: 1, tags: 'vip' }), 'tags');
    const now = (await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation;
    expect(now).toMatchObject({ version: 1, stage: { code: 'new' }, custom_fields: {} });
  });

  it('moves to another pipeline (its first stage) when only pipeline_id is given', async () => {
    const c = await newConversation(A, { client_id: aigerim });
    const res = await patch(c.id, { version: 1, pipeline_id: other.id });
    expect(res.body.conversation).toMatchObject({ pipeline_id: other.id, stage: { id: other.stages[0].id } });
  });
});

describe('context', () => {
  it('merges keys, null removes one, one context_updated per changed key; version optional but checked', async () => {
    const c = await newConversation(A, { client_id: bolat, context: { intent: 'repair', device: 'Pixel 7' } });
    const res = await api('PATCH', `/api/conversations/${c.id}/context`, { token: A.token, body: { device: 'Pixel 8', issue: 'не заряжается', intent: null } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversation.context).toEqual({ device: 'Pixel 8', issue: 'не заряжается' });
    expect(res.body.conversation.version).toBe(2);
    const ctx = (await eventsOf(db, c.id)).filter((e) => e.event_type === 'context_updated').map((e) => e.payload);
    expect(ctx.sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { field: 'device', old_value: 'Pixel 7', new_value: 'Pixel 8' },
      { field: 'intent', old_value: 'repair', new_value: null },
      { field: 'issue', old_value: null, new_value: 'не заряжается' },
    ]);
    expect((await auditRows(db, A.workspaceId, 'update_conversation_context')).filter((r) => r.entity_id === c.id)).toHaveLength(1);
    const stale = await api('PATCH', `/api/conversations/${c.id}/context`, { token: A.token, body: { device: 'x', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.context.device).toBe('Pixel 8');
    const ok = await api('PATCH', `/api/conversations/${c.id}/context`, { token: A.token, body: { device: 'x', version: 2 } });
    expect(ok.body.conversation).toMatchObject({ version: 3, context: { device: 'x' } });
  });

  it('the agent runtime’s changes are events with source agent', async () => {
    const c = await newConversation(A, { client_id: bolat });
    await updateContext(systemActor('agent-runtime', A.workspaceId), c.id, { price_quoted: 12000 });
    const [e] = (await eventsOf(db, c.id)).filter((x) => x.event_type === 'context_updated');
    expect(e).toMatchObject({ source: 'agent', actor_user_id: null, payload: { field: 'price_quoted', new_value: 12000 } });
  });
});

describe('pause, resume and human replies', () => {
  it('pause (seed 000 body) and resume write dialog_paused / dialog_resumed', async () => {
    const c = await newConversation(A, { client_id: bolat });
    const paused = await api('PATCH', `/api/conversations/${c.id}/pause`, { token: A.token, body: { paused_by: 'human', reason: 'Звоню сам' } });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.conversation).toMatchObject({ status: 'paused', paused_by: 'human', pause_reason: 'Звоню сам' });
    const resumed = await api('PATCH', `/api/conversations/${c.id}/resume`, { token: A.token });
    expect(resumed.body.conversation).toMatchObject({ status: 'active', paused_by: null, paused_at: null });
    const events = (await eventsOf(db, c.id)).map((e) => [e.event_type, e.payload.paused_by ?? null]);
    expect(events).toEqual([['dialog_created', null], ['dialog_paused', 'human'], ['dialog_resumed', 'human']]);
    expect((await api('PATCH', `/api/conversations/${c.id}/pause`, { token: A.token })).body.conversation.paused_by).toBe('human');
    expectFieldError(await api('PATCH', `/api/conversations/${c.id}/pause`, { token: A.token, body: { paused_by: 'robot' } }), 'paused_by');
  });

  it('a closed dialog cannot be paused', async () => {
    const c = await newConversation(A, { client_id: bolat });
    await patch(c.id, { version: 1, status: 'closed' });
    const res = await api('PATCH', `/api/conversations/${c.id}/pause`, { token: A.token, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conversation_closed');
  });

  it('a human reply is an outbound queued message; with stop_on_human_reply it pauses an active dialog', async () => {
    const c = await newConversation(A, { client_id: bolat });
    const sent = await api('POST', `/api/conversations/${c.id}/messages`, { token: member.token, headers: member.headers, body: { content: ' Добрый день! ' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message).toMatchObject({ type: 'message', role: 'operator', direction: 'outbound', status: 'queued', is_sent: false, content: 'Добрый день!', operator: { id: member.userId } });
    let now = (await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation;
    expect(now).toMatchObject({ status: 'active', messages_count: 1, last_message: { direction: 'outbound', content: 'Добрый день!' } });
    expect((await eventsOf(db, c.id)).map((e) => e.event_type)).toEqual(['dialog_created', 'message_sent']);

    await db.query('update workspaces set stop_on_human_reply = true where id = $1', [A.workspaceId]);
    try {
      await api('POST', `/api/conversations/${c.id}/messages`, { token: A.token, body: { content: 'Перезвоню' } });
      now = (await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation;
      expect(now).toMatchObject({ status: 'paused', paused_by: 'human', messages_count: 2 });
      expect((await eventsOf(db, c.id)).filter((e) => e.event_type === 'dialog_paused')).toHaveLength(1);
    } finally {
      await db.query('update workspaces set stop_on_human_reply = false where id = $1', [A.workspaceId]);
    }
    expectFieldError(await api('POST', `/api/conversations/${c.id}/messages`, { token: A.token, body: { content: '   ' } }), 'content');
  });
});

describe('roles', () => {
  let c: { id: string; version: number };
  beforeAll(async () => {
    c = await newConversation(A, { client_id: bolat });
  });

  it('a viewer reads but every write is 403', async () => {
    const v = { token: viewer.token, headers: viewer.headers };
    expect((await api('GET', '/api/conversations', { ...v })).status).toBe(200);
    expect((await api('GET', '/api/conversations/board', { ...v })).status).toBe(200);
    expect((await api('GET', `/api/conversations/${c.id}`, { ...v })).status).toBe(200);
    expect((await api('GET', `/api/conversations/${c.id}/messages`, { ...v })).status).toBe(200);
    const writes: [string, string, unknown?][] = [
      ['POST', '/api/conversations', { client_id: bolat }],
      ['PATCH', `/api/conversations/${c.id}`, { version: 1, price: 1 }],
      ['PATCH', `/api/conversations/${c.id}/context`, { a: 1 }],
      ['PATCH', `/api/conversations/${c.id}/pause`, {}],
      ['PATCH', `/api/conversations/${c.id}/resume`, {}],
      ['POST', `/api/conversations/${c.id}/messages`, { content: 'x' }],
      ['DELETE', `/api/conversations/${c.id}`],
    ];
    for (const [method, path, body] of writes) {
      const res = await api(method, path, { ...v, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await api('GET', `/api/conversations/${c.id}`, { token: A.token })).body.conversation.version).toBe(1);
  });

  it('a member edits but cannot delete; an admin deletes (audit row, messages and events gone)', async () => {
    const m = { token: member.token, headers: member.headers };
    expect((await patch(c.id, { version: 1, price: 5 }, m)).status).toBe(200);
    const del = await api('DELETE', `/api/conversations/${c.id}`, m);
    expect(del.status).toBe(403);
    const ok = await api('DELETE', `/api/conversations/${c.id}`, { token: admin.token, headers: admin.headers });
    expect(ok.status).toBe(204);
    expect((await api('GET', `/api/conversations/${c.id}`, { token: A.token })).status).toBe(404);
    expect(await eventsOf(db, c.id)).toEqual([]);
    expect((await auditRows(db, A.workspaceId, 'delete_conversation')).map((r) => r.entity_id)).toContain(c.id);
  });
});
