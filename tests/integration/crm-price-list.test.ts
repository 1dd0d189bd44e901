// The price list through the API and lib: CRUD, search, device match and ranking (findPrices),
// CSV import (preview, commit all or nothing) and export (BOM, formula-safe), round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { findPrices } from '@/lib/crm/price-list/list-price-items';
import { systemActor } from '@/lib/db/actor';
import { addMember, auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let viewer: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Price Repair' });
  viewer = await addMember(db, A, 'viewer');
});
afterAll(teardownTestDatabase);

const add = (body: Record<string, unknown>) => api('POST', '/api/price-list', { token: A.token, body });
const list = async (query: Record<string, string> = {}) => (await api('GET', '/api/price-list', { token: A.token, query })).body.data as any[];
const actorA = () => ({ kind: 'user' as const, userId: A.userId, workspaceId: A.workspaceId, role: 'owner' as const });

describe('items', () => {
  let item: any;
  it('creates, reads, changes and deletes an item (seed 004 names), with audit', async () => {
    const res = await add({ category: 'Замена экрана', device_pattern: 'iPhone 14 Pro*', service_name: 'Замена дисплея', price_from: 85000, price_to: 95000, currency: 'kzt', duration_minutes: 60, vertical_code: 'phone_repair' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    item = res.body.item;
    expect(item).toMatchObject({ category: 'Замена экрана', device_pattern: 'iPhone 14 Pro*', price_from: 85000, price_to: 95000, currency: 'KZT', duration_minutes: 60, is_active: true, order_index: 0 });
    expect((await api('GET', `/api/price-list/${item.id}`, { token: viewer.token, headers: viewer.headers })).body.item).toEqual(item);
    const patched = await api('PATCH', `/api/price-list/${item.id}`, { token: A.token, body: { price_from: 80000 } });
    expect(patched.body.item).toMatchObject({ price_from: 80000, price_to: 95000 });
    expectFieldError(await api('PATCH', `/api/price-list/${item.id}`, { token: A.token, body: { price_to: 100 } }), 'price_to');
    const [audit] = await auditRows(db, A.workspaceId, 'update_price_item');
    expect(audit).toMatchObject({ old_values: { price_from: 85000 }, new_values: { price_from: 80000 } });
    expect((await api('DELETE', `/api/price-list/${item.id}`, { token: A.token })).status).toBe(204);
    expect((await api('GET', `/api/price-list/${item.id}`, { token: A.token })).status).toBe(404);
  });

  it('refuses bad input naming the field; viewers cannot write', async () => {
    expectFieldError(await add({ category: 'X', service_name: 'Y', price_from: -1 }), 'price_from');
    expectFieldError(await add({ category: 'X', service_name: 'Y', price_from: 10, price_to: 5 }), 'price_to');
    expectFieldError(await add({ category: '', service_name: 'Y', price_from: 10 }), 'category');
    expectFieldError(await add({ category: 'X', service_name: 'Y', price_from: 10, currency: 'tenge' }), 'currency');
    expectFieldError(await add({ category: 'X', service_name: 'Y', price_from: 10, duration_minutes: 1.5 }), 'duration_minutes');
    const v = await api('POST', '/api/price-list', { token: viewer.token, headers: viewer.headers, body: { category: 'X', service_name: 'Y', price_from: 1 } });
    expect(v.status).toBe(403);
  });
});

describe('search, device match and ranking', () => {
  beforeAll(async () => {
    for (const body of [
      { category: 'Замена экрана', device_pattern: 'iPhone*', service_name: 'Экран (копия)', price_from: 20000 },
      { category: 'Замена экрана', device_pattern: 'iPhone 14 Pro*', service_name: 'Экран оригинал', price_from: 85000 },
      { category: 'Замена экрана', device_pattern: 'iPhone 14 Pro Max', service_name: 'Экран оригинал Max', price_from: 99000 },
      { category: 'Диагностика', device_pattern: '*', service_name: 'Диагностика', price_from: 0, vertical_code: 'phone_repair' },
      { category: 'Замена батареи', device_pattern: 'Samsung Galaxy S2?', service_name: 'Батарея 100%_new', price_from: 15000 },
      { category: 'Замена экрана', device_pattern: 'iPhone 13*', service_name: 'Старый', price_from: 1, is_active: false },
    ]) {
      expect((await add(body)).status).toBe(201);
    }
  });

  it('search finds category, service and pattern; % and _ are literal', async () => {
    expect((await list({ search: 'батаре' })).map((i) => i.service_name)).toEqual(['Батарея 100%_new']);
    expect((await list({ search: 'pro max' })).map((i) => i.service_name)).toEqual(['Экран оригинал Max']);
    expect((await list({ search: '100%' })).map((i) => i.service_name)).toEqual(['Батарея 100%_new']);
    expect(await list({ search: '%' })).toHaveLength(1);
    expect((await list({ vertical: 'phone_repair' })).map((i) => i.service_name)).toEqual(['Диагностика']);
  });

  it('the device filter returns the items whose pattern matches', async () => {
    expect((await list({ device: 'iphone 14 pro max' })).map((i) => i.device_pattern).sort()).toEqual(['*', 'iPhone 14 Pro Max', 'iPhone 14 Pro*', 'iPhone*'].sort());
    expect((await list({ device: 'Samsung Galaxy S23' })).map((i) => i.device_pattern).sort()).toEqual(['*', 'Samsung Galaxy S2?']);
  });

  it('findPrices ranks the most specific active pattern first and can narrow by category', async () => {
    const prices = await findPrices(actorA(), 'iPhone 14 Pro Max');
    expect(prices.map((p) => p.device_pattern)).toEqual(['iPhone 14 Pro Max', 'iPhone 14 Pro*', 'iPhone*', '*']);
    const screens = await findPrices(actorA(), 'iPhone 14 Pro', { category: 'экран' });
    expect(screens.map((p) => p.service_name)).toEqual(['Экран оригинал', 'Экран (копия)']);
    expect(await findPrices(actorA(), 'iPhone 13 mini', { category: 'экран' })).toEqual([expect.objectContaining({ device_pattern: 'iPhone*' })]);
  });

  it('the agent runtime (a system actor) quotes from the same function', async () => {
    const prices = await findPrices(systemActor('agent-runtime', A.workspaceId), 'Samsung Galaxy S21');
    expect(prices.map((p) => p.service_name)).toEqual(['Батарея 100%_new', 'Диагностика']);
  });
});

describe('CSV', () => {
  const GOOD = [
    'Категория,Устройство,Услуга,Цена,price_to,duration_minutes,Комментарий',
    'Замена стекла,iPhone 15*,Стекло камеры,"12 000",15000,30,ok',
    'Чистка,*,Чистка динамиков,3000,,15,',
  ].join('\n');

  it('without mapping or mode: columns, sample rows and a suggested mapping', async () => {
    const res = await api('POST', '/api/price-list/import', { token: A.token, body: { csv: `\uFEFF${GOOD}` } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns).toEqual(['Категория', 'Устройство', 'Услуга', 'Цена', 'price_to', 'duration_minutes', 'Комментарий']);
    expect(res.body.sample_rows).toHaveLength(2);
    expect(res.body.suggested_mapping).toEqual({
      Категория: 'category',
      Устройство: 'device_pattern',
      Услуга: 'service_name',
      Цена: 'price_from',
      price_to: 'price_to',
      duration_minutes: 'duration_minutes',
      Комментарий: 'skip',
    });
  });

  it('a broken row: preview names it, commit stores nothing', async () => {
    const before = (await list()).length;
    const broken = `${GOOD}\nЗамена экрана,iPhone 12,,abc,,,\nЗамена экрана,iPhone 12,Экран,500,100,,`;
    const preview = await api('POST', '/api/price-list/import', { token: A.token, body: { csv: broken, mode: 'preview' } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 4, create: 2 });
    expect(preview.body.failed.map((f: any) => [f.row, f.field])).toEqual(
      expect.arrayContaining([
        [4, 'service_name'],
        [4, 'price_from'],
        [5, 'price_to'],
      ]),
    );
    const commit = await api('POST', '/api/price-list/import', { token: A.token, body: { csv: broken, mode: 'commit' } });
    expect(commit.status).toBe(400);
    expect(commit.body.error.code).toBe('import_failed');
    expect((await list()).length).toBe(before);
  });

  it('a NUL character in an uploaded file is a 400, not a database error', async () => {
    const form = new FormData();
    form.set('file', new Blob([`${GOOD}\nA,B,C\u0000,1,,,`], { type: 'text/csv' }), 'prices.csv');
    form.set('mode', 'commit');
    const res = await api('POST', '/api/price-list/import', { token: A.token, form });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
  });

  it('mapping errors are 400 naming the mapping', async () => {
    expectFieldError(await api('POST', '/api/price-list/import', { token: A.token, body: { csv: GOOD, mode: 'preview', mapping: { Nope: 'category' } } }), 'mapping.Nope');
    expectFieldError(await api('POST', '/api/price-list/import', { token: A.token, body: { csv: GOOD, mode: 'preview', mapping: { Категория: 'category' } } }), 'mapping');
  });

  it('commit stores every row (multipart upload too); a re-import updates instead of duplicating', async () => {
    const form = new FormData();
    form.set('file', new Blob([GOOD], { type: 'text/csv' }), 'prices.csv');
    form.set('mode', 'commit');
    const res = await api('POST', '/api/price-list/import', { token: A.token, form });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rows: 2, create: 2, update: 0, failed: [] });
    const glass = (await list({ search: 'Стекло камеры' }))[0];
    expect(glass).toMatchObject({ category: 'Замена стекла', device_pattern: 'iPhone 15*', price_from: 12000, price_to: 15000, duration_minutes: 30 });
    const again = await api('POST', '/api/price-list/import', { token: A.token, body: { csv: GOOD.replace('"12 000"', '13000'), mode: 'commit' } });
    expect(again.body).toMatchObject({ create: 0, update: 2 });
    expect((await list({ search: 'Стекло камеры' }))[0].price_from).toBe(13000);
    expect((await auditRows(db, A.workspaceId, 'import_price_list')).length).toBe(2);
  });

  it('export: BOM, header, formula cells neutralised; the file imports back unchanged', async () => {
    await add({ category: '=HYPERLINK("http://evil")', device_pattern: '+7*', service_name: '@sum', price_from: 1 });
    const res = await api('GET', '/api/price-list/export', { token: viewer.token, headers: viewer.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = Buffer.from(await res.raw.arrayBuffer()).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe('\uFEFFcategory,device_pattern,service_name,price_from,price_to,duration_minutes,vertical_code,currency');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")",'+7*,'@sum,1`);
    expect(text).not.toMatch(/(^|,)[=+@]/m);
    const before = await list();
    const back = await api('POST', '/api/price-list/import', { token: A.token, body: { csv: text, mode: 'commit' } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ create: 0, update: before.length, failed: [] });
    const after = await list();
    expect(after).toEqual(before);
    expect(after.find((i) => i.service_name === '@sum')).toMatchObject({ category: '=HYPERLINK("http://evil")', device_pattern: '+7*' });
  });
});
