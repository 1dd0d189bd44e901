// Clients through the API: create/read/update/delete, validation, phone normalisation and
// uniqueness, channel ids, stale versions, search, filters, keyset pagination and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';
import { addDialog, newClient, type Auth } from './crm-clients-fixtures';

let db: Database;
let owner: TestUser;
let member: Auth & { userId: string };
let viewer: Auth;
let admin: Auth;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Repair KZ' });
  member = await addMember(db, owner, 'member');
  viewer = await addMember(db, owner, 'viewer');
  admin = await addMember(db, owner, 'admin');
});
afterAll(teardownTestDatabase);

describe('create, read, update', () => {
  it('stores a client with the phone in E.164, the email lower-cased and its channels, and shows the card', async () => {
    const c = await newClient(owner, {
      name: 'Айгерим Сапарова',
      phone: '8 (701) 555-00-01',
      email: 'Aigerim@Example.KZ',
      city: 'Алматы',
      telegram_id: '100200300',
      channels: [{ channel_type: 'vk', external_id: 'id777', username: 'aigerim' }],
    });
    expect(c).toMatchObject({ name: 'Айгерим Сапарова', phone: '+77015550001', email: 'aigerim@example.kz', status: 'active', type: 'new', version: 1 });
    expect(c.channels.map((x: any) => `${x.channel_type}:${x.external_id}`).sort()).toEqual(['telegram:100200300', 'vk:id777']);
    const card = await api('GET', `/api/clients/${c.id}`, { token: owner.token });
    expect(card.status).toBe(200);
    expect(card.body.client).toMatchObject({ id: c.id, facts: [], relations: [], dialogs: [], tasks: [], notes: [], metrics: { total_dialogs: 0, total_spent: 0 } });
    expect(card.body.client).not.toHaveProperty('timeline');
    const [ev] = await db.query<{ event_type: string; source: string }>(`select event_type, source from crm_events where client_id = $1`, [c.id]);
    expect(ev).toEqual({ event_type: 'client_created', source: 'user' });
    expect(await auditRows(db, owner.workspaceId, 'create_client')).toHaveLength(1);
  });

  it('refuses a bad phone, a bad email and an unknown status with a 400 naming the field', async () => {
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', phone: '12ab' } }), 'phone');
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', phone: '123' } }), 'phone');
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', email: 'not-an-email' } }), 'email');
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', status: 'vip' } }), 'status');
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: '' } }), 'name');
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', responsible_user_id: '00000000-0000-4000-8000-000000000001' } }), 'responsible_user_id');
  });

  it('checks custom fields by type and names the field', async () => {
    await db.query(`insert into crm_fields (workspace_id, entity_type, code, name, field_type) values ($1, 'contact', 'area', 'Площадь', 'number')`, [owner.workspaceId]);
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', custom_fields: { area: 'big' } } }), 'custom_fields.area');
    expectFieldError(await api('POST', '/api/clients', { token: owner.token, body: { name: 'X', custom_fields: { nope: 1 } } }), 'custom_fields.nope');
    const c = await newClient(owner, { name: 'Поле', custom_fields: { area: '42,5' } });
    expect(c.custom_fields).toEqual({ area: 42.5 });
  });

  it('`8 (701) 123-45-67` and `+77011234567` are one client: the second gets 409 client_exists naming the first', async () => {
    const first = await newClient(owner, { name: 'Первый', phone: '8 (701) 123-45-67' });
    const res = await api('POST', '/api/clients', { token: owner.token, body: { name: 'Второй', phone: '+77011234567' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('client_exists');
    expect(res.body.error.details.client_id).toBe(first.id);
  });

  it('a channel id belongs to one client: 409 channel_taken naming the owner, on create and on add', async () => {
    const a = await newClient(owner, { name: 'TG owner', channels: [{ channel_type: 'telegram', external_id: 'tg-taken' }] });
    const res = await api('POST', '/api/clients', { token: owner.token, body: { name: 'Other', telegram_id: 'tg-taken' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'channel_taken', details: { client_id: a.id } });
    const b = await newClient(owner, { name: 'Other' });
    const add = await api('POST', `/api/clients/${b.id}/channels`, { token: owner.token, body: { channel_type: 'telegram', external_id: 'tg-taken' } });
    expect(add.status).toBe(409);
    expect(add.body.error.details.client_id).toBe(a.id);
    const ok = await api('POST', `/api/clients/${b.id}/channels`, { token: owner.token, body: { channel_type: 'whatsapp', external_id: '+77010000000' } });
    expect(ok.status).toBe(201);
    const del = await api('DELETE', `/api/clients/${b.id}/channels/${ok.body.channel.id}`, { token: owner.token });
    expect(del.status).toBe(204);
    const card = await api('GET', `/api/clients/${b.id}`, { token: owner.token });
    expect(card.body.client.channels).toEqual([]);
  });

  it('PATCH needs the version it read: the current one applies and bumps it, an old one gets 409 with the current card', async () => {
    const c = await newClient(owner, { name: 'Версия', city: 'Алматы' });
    const ok = await api('PATCH', `/api/clients/${c.id}`, { token: owner.token, body: { version: 1, city: 'Астана', email: 'V@X.KZ' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.client).toMatchObject({ city: 'Астана', email: 'v@x.kz', version: 2 });
    const stale = await api('PATCH', `/api/clients/${c.id}`, { token: owner.token, body: { version: 1, city: 'Шымкент' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details.current).toMatchObject({ city: 'Астана', version: 2 });
    expectFieldError(await api('PATCH', `/api/clients/${c.id}`, { token: owner.token, body: { city: 'X' } }), 'version');
    const events = await db.query<{ payload: any }>(`select payload from crm_events where client_id = $1 and event_type = 'client_updated' order by created_at`, [c.id]);
    expect(events.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        { field: 'city', old_value: 'Алматы', new_value: 'Астана' },
        { field: 'email', old_value: null, new_value: 'v@x.kz' },
      ]),
    );
    expect(events).toHaveLength(2);
  });

  it('PATCH to a phone another client has is 409 client_exists', async () => {
    const a = await newClient(owner, { name: 'A', phone: '+77017770001' });
    const b = await newClient(owner, { name: 'B' });
    const res = await api('PATCH', `/api/clients/${b.id}`, { token: owner.token, body: { version: b.version, phone: '8 701 777 00 01' } });
    expect(res.status).toBe(409);
    expect(res.body.error.details.client_id).toBe(a.id);
  });

  it('unknown and malformed ids are 404', async () => {
    expect((await api('GET', '/api/clients/00000000-0000-4000-8000-000000000000', { token: owner.token })).status).toBe(404);
    expect((await api('GET', '/api/clients/nope', { token: owner.token })).status).toBe(404);
  });
});

describe('facts and relations', () => {
  it('adds and removes facts (a fact_added event) and relations shown from both ends', async () => {
    const a = await newClient(owner, { name: 'Муж' });
    const b = await newClient(owner, { name: 'Жена' });
    const fact = await api('POST', `/api/clients/${a.id}/facts`, { token: member.token, headers: member.headers, body: { text: 'Звонить после 18:00' } });
    expect(fact.status).toBe(201);
    expect(fact.body.fact).toMatchObject({ text: 'Звонить после 18:00', source: 'user' });
    const rel = await api('POST', `/api/clients/${a.id}/relations`, { token: owner.token, body: { client_id: b.id, relation_type: 'spouse' } });
    expect(rel.status).toBe(201);
    expect((await api('POST', `/api/clients/${a.id}/relations`, { token: owner.token, body: { client_id: b.id, relation_type: 'spouse' } })).status).toBe(409);
    expectFieldError(await api('POST', `/api/clients/${a.id}/relations`, { token: owner.token, body: { client_id: a.id, relation_type: 'self' } }), 'client_id');
    const cardA = (await api('GET', `/api/clients/${a.id}`, { token: owner.token })).body.client;
    const cardB = (await api('GET', `/api/clients/${b.id}`, { token: owner.token })).body.client;
    expect(cardA.facts.map((f: any) => f.text)).toEqual(['Звонить после 18:00']);
    expect(cardA.relations).toEqual([{ id: rel.body.relation.id, client_id: b.id, name: 'Жена', relation_type: 'spouse', direction: 'outgoing' }]);
    expect(cardB.relations).toEqual([{ id: rel.body.relation.id, client_id: a.id, name: 'Муж', relation_type: 'spouse', direction: 'incoming' }]);
    const [ev] = await db.query<{ payload: any }>(`select payload from crm_events where client_id = $1 and event_type = 'fact_added'`, [a.id]);
    expect(ev.payload.text).toBe('Звонить после 18:00');
    expect((await api('DELETE', `/api/clients/${b.id}/relations/${rel.body.relation.id}`, { token: owner.token })).status).toBe(204);
    expect((await api('DELETE', `/api/clients/${a.id}/facts/${fact.body.fact.id}`, { token: owner.token })).status).toBe(204);
    const after = (await api('GET', `/api/clients/${a.id}`, { token: owner.token })).body.client;
    expect([after.facts, after.relations]).toEqual([[], []]);
  });
});

describe('metrics and delete', () => {
  it('counts dialogs, completed ones (closed or won) and the sum of won prices', async () => {
    const c = await newClient(owner, { name: 'Метрики' });
    await addDialog(db, owner.workspaceId, c.id, { stage: 'new', price: 1000 });
    await addDialog(db, owner.workspaceId, c.id, { stage: 'delivered', price: 25000, lastMessageAt: '2026-01-02T10:00:00Z' });
    await addDialog(db, owner.workspaceId, c.id, { stage: 'delivered', price: 5000.5 });
    await addDialog(db, owner.workspaceId, c.id, { stage: 'quoted', status: 'closed', price: 700 });
    const card = (await api('GET', `/api/clients/${c.id}`, { token: owner.token })).body.client;
    expect(card.metrics).toMatchObject({ total_dialogs: 4, completed_dialogs: 3, total_spent: 30000.5 });
    expect(card.active_dialogs_count).toBe(1);
    expect(card.dialogs).toHaveLength(4);
    expect(card.dialogs[0].stage).toMatchObject({ code: expect.any(String), kind: expect.any(String) });
    expect(card.metrics.first_contact_at).toBeTruthy();
  });

  it('delete asks when the client has dialogs (409 with the count), then deletes them with ?dialogs=delete', async () => {
    const c = await newClient(owner, { name: 'Удалить' });
    const d = await addDialog(db, owner.workspaceId, c.id);
    const ask = await api('DELETE', `/api/clients/${c.id}`, { token: admin.token, headers: admin.headers });
    expect(ask.status).toBe(409);
    expect(ask.body.error).toMatchObject({ code: 'client_has_dialogs', details: { dialogs: 1 } });
    const del = await api('DELETE', `/api/clients/${c.id}?dialogs=delete`, { token: admin.token, headers: admin.headers });
    expect(del.status).toBe(204);
    expect(await db.query(`select id from conversations where id = $1`, [d])).toEqual([]);
    expect((await api('GET', `/api/clients/${c.id}`, { token: owner.token })).status).toBe(404);
    const plain = await newClient(owner, { name: 'Без диалогов' });
    expect((await api('DELETE', `/api/clients/${plain.id}`, { token: owner.token })).status).toBe(204);
  });
});

describe('search, filters and pagination', () => {
  let searchOwner: TestUser;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    searchOwner = await registerUser({ company_name: 'Search Co' });
    ids.ivan = (await newClient(searchOwner, { name: 'Иван Петров', phone: '+7 701 234 56 78', email: 'ivan@mail.kz', type: 'regular' })).id;
    ids.maria = (await newClient(searchOwner, { name: 'Мария Иванова', phone: '87019998877', status: 'inactive', responsible_user_id: searchOwner.userId })).id;
    ids.john = (await newClient(searchOwner, { name: 'John Smith', email: 'john@corp.com', channels: [{ channel_type: 'instagram', external_id: 'jsmith_ig', username: 'jsmith' }] })).id;
    await addDialog(db, searchOwner.workspaceId, ids.john);
    await addDialog(db, searchOwner.workspaceId, ids.maria, { stage: 'delivered' });
  });
  const find = async (query: Record<string, string>) => {
    const res = await api('GET', '/api/clients', { token: searchOwner.token, query });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.map((c: { id: string }) => c.id).sort();
  };

  it('finds by word prefixes of the name', async () => {
    expect(await find({ search: 'Иван' })).toEqual([ids.ivan, ids.maria].sort());
    expect(await find({ search: 'пет' })).toEqual([ids.ivan]);
    expect(await find({ search: 'john sm' })).toEqual([ids.john]);
    expect(await find({ search: 'Сидоров' })).toEqual([]);
  });

  it('finds by phone in any format, and by part of it', async () => {
    for (const q of ['+77012345678', '8 (701) 234-56-78', '87012345678', '701 234 56 78', '2345678']) {
      expect(await find({ search: q }), q).toEqual([ids.ivan]);
    }
    expect(await find({ search: '+7 701 999 88 77' })).toEqual([ids.maria]);
  });

  it('finds by email and by channel id or username', async () => {
    expect(await find({ search: 'IVAN@mail.kz' })).toEqual([ids.ivan]);
    expect(await find({ search: 'jsmith_ig' })).toEqual([ids.john]);
    expect(await find({ search: '@jsmith' })).toEqual([ids.john]);
  });

  it('filters by status, type, responsible and active dialogs', async () => {
    expect(await find({ status: 'inactive' })).toEqual([ids.maria]);
    expect(await find({ type: 'regular' })).toEqual([ids.ivan]);
    expect(await find({ responsible: 'me' })).toEqual([ids.maria]);
    expect(await find({ responsible: searchOwner.userId })).toEqual([ids.maria]);
    expect(await find({ responsible: 'none' })).toEqual([ids.ivan, ids.john].sort());
    expect(await find({ has_active_dialogs: 'true' })).toEqual([ids.john]);
    expect(await find({ has_active_dialogs: 'false' })).toEqual([ids.ivan, ids.maria].sort());
    const bad = await api('GET', '/api/clients', { token: searchOwner.token, query: { type: 'vip' } });
    expectFieldError(bad, 'type');
  });

  it('list items carry dialog counts and channel types', async () => {
    const res = await api('GET', '/api/clients', { token: searchOwner.token });
    const john = res.body.data.find((c: any) => c.id === ids.john);
    const maria = res.body.data.find((c: any) => c.id === ids.maria);
    expect(john).toMatchObject({ active_dialogs_count: 1, total_dialogs_count: 1, channels: ['instagram'], responsible: null });
    expect(maria).toMatchObject({ active_dialogs_count: 0, total_dialogs_count: 1, status: 'inactive', responsible: { id: searchOwner.userId } });
  });

  it('pages by keyset without duplicates or gaps, even when created_at ties', async () => {
    const pager = await registerUser({ company_name: 'Pager' });
    // 23 clients, 10 of them created in one statement (one created_at).
    for (let i = 0; i < 13; i++) await newClient(pager, { name: `Client ${i}` });
    await db.query(`insert into clients (workspace_id, name) select $1, 'Batch ' || g from generate_series(1, 10) g`, [pager.workspaceId]);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api('GET', '/api/clients', { token: pager.token, query: { limit: 4, cursor } });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.next_cursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(23);
    expect(seen).toHaveLength(23);
    const bad = await api('GET', '/api/clients', { token: pager.token, query: { cursor: 'garbage' } });
    expectFieldError(bad, 'cursor');
  });
});

describe('roles', () => {
  it('a viewer reads but cannot create, edit or add facts', async () => {
    const c = await newClient(owner, { name: 'Для ролей' });
    expect((await api('GET', '/api/clients', { token: viewer.token, headers: viewer.headers })).status).toBe(200);
    expect((await api('GET', `/api/clients/${c.id}`, { token: viewer.token, headers: viewer.headers })).status).toBe(200);
    expect((await api('POST', '/api/clients', { token: viewer.token, headers: viewer.headers, body: { name: 'V' } })).status).toBe(403);
    expect((await api('PATCH', `/api/clients/${c.id}`, { token: viewer.token, headers: viewer.headers, body: { version: 1, city: 'V' } })).status).toBe(403);
    expect((await api('POST', `/api/clients/${c.id}/facts`, { token: viewer.token, headers: viewer.headers, body: { text: 'V' } })).status).toBe(403);
  });

  it('a member edits but cannot delete or merge (403); an admin can', async () => {
    const c = await newClient(member, { name: 'Член' });
    const other = await newClient(member, { name: 'Другой' });
    const ok = await api('PATCH', `/api/clients/${c.id}`, { token: member.token, headers: member.headers, body: { version: 1, city: 'Караганда' } });
    expect(ok.status).toBe(200);
    expect((await api('DELETE', `/api/clients/${c.id}`, { token: member.token, headers: member.headers })).status).toBe(403);
    expect((await api('POST', `/api/clients/${c.id}/merge`, { token: member.token, headers: member.headers, body: { merge_client_id: other.id } })).status).toBe(403);
    expect((await api('POST', `/api/clients/${c.id}/merge`, { token: admin.token, headers: admin.headers, body: { merge_client_id: other.id } })).status).toBe(200);
    expect((await api('DELETE', `/api/clients/${c.id}`, { token: admin.token, headers: admin.headers })).status).toBe(204);
  });
});
