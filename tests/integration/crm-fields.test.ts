// Custom CRM fields through the API: codes, types, options, immutable type, deletion that
// clears stored values, system fields beside them, roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';
import { insertDeals } from './crm-setup-fixtures';

let db: Database;
let A: TestUser;
let member: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Fields Repair' });
  member = await addMember(db, A, 'member');
  viewer = await addMember(db, A, 'viewer');
});
afterAll(teardownTestDatabase);

const post = (body: unknown, who: { token: string; headers?: Record<string, string> } = A) =>
  api('POST', '/api/crm/fields', { token: who.token, headers: who.headers, body });

describe('custom fields', () => {
  let warranty: any;

  it('creates a select field for deals and lists it with the system fields', async () => {
    const res = await post({ entity_type: 'deal', code: 'warranty', name: 'Гарантия', field_type: 'select', options: ['нет', '3 мес', '6 мес'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    warranty = res.body.field;
    expect(warranty).toMatchObject({ entity_type: 'deal', code: 'warranty', field_type: 'select', options: ['нет', '3 мес', '6 мес'], is_required: false, order_index: 0 });
    await post({ entity_type: 'contact', code: 'birthday', name: 'День рождения', field_type: 'date' });
    const all = await api('GET', '/api/crm/fields', { token: viewer.token, headers: viewer.headers });
    expect(all.status).toBe(200);
    expect(all.body.fields.map((f: any) => f.code)).toEqual(['birthday', 'warranty']);
    expect(all.body.system_fields.deal.map((f: any) => f.code)).toContain('stage_id');
    expect(all.body.system_fields.contact.map((f: any) => f.code)).toContain('phone');
    const deals = await api('GET', '/api/crm/fields', { token: A.token, query: { entity_type: 'deal' } });
    expect(deals.body.fields.map((f: any) => f.code)).toEqual(['warranty']);
    expect(deals.body.system_fields.contact).toEqual([]);
    expectFieldError(await api('GET', '/api/crm/fields', { token: A.token, query: { entity_type: 'lead' } }), 'entity_type');
    expect((await auditRows(db, A.workspaceId, 'create_crm_field')).map((r) => r.entity_id)).toContain(warranty.id);
  });

  it('refuses bad codes, system field codes, a code twice, and selects without options', async () => {
    expectFieldError(await post({ entity_type: 'deal', code: 'Bad-Code', name: 'x', field_type: 'text' }), 'code');
    expectFieldError(await post({ entity_type: 'deal', code: '1abc', name: 'x', field_type: 'text' }), 'code');
    expectFieldError(await post({ entity_type: 'deal', code: 'price', name: 'x', field_type: 'money' }), 'code');
    expectFieldError(await post({ entity_type: 'contact', code: 'phone', name: 'x', field_type: 'phone' }), 'code');
    expectFieldError(await post({ entity_type: 'deal', code: 'kind', name: 'x', field_type: 'colour' }), 'field_type');
    expectFieldError(await post({ entity_type: 'deal', code: 'kind', name: 'x', field_type: 'multiselect' }), 'options');
    expectFieldError(await post({ entity_type: 'deal', code: 'kind', name: 'x', field_type: 'select', options: ['a', 'a'] }), 'options.1');
    const dup = await post({ entity_type: 'deal', code: 'warranty', name: 'again', field_type: 'text' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('field_code_taken');
    // the same code on the other entity is fine
    expect((await post({ entity_type: 'contact', code: 'warranty', name: 'x', field_type: 'text' })).status).toBe(201);
  });

  it('changes name, options and required flag; the type and code cannot change', async () => {
    const patch = (body: unknown) => api('PATCH', `/api/crm/fields/${warranty.id}`, { token: member.token, headers: member.headers, body });
    const res = await patch({ name: 'Гарантия, мес', options: ['нет', '6 мес', '12 мес'], is_required: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.field).toMatchObject({ name: 'Гарантия, мес', options: ['нет', '6 мес', '12 мес'], is_required: true, field_type: 'select' });
    expectFieldError(await patch({ field_type: 'text' }), 'field_type');
    expectFieldError(await patch({ code: 'other' }), 'code');
    expectFieldError(await patch({ options: [] }), 'options');
    expect((await patch({ field_type: 'select', name: 'Гарантия' })).status).toBe(200);
    const [audit] = (await auditRows(db, A.workspaceId, 'update_crm_field')).slice(0, 1);
    expect(audit.old_values).toMatchObject({ name: 'Гарантия', is_required: false });
    expect(audit.new_values).toMatchObject({ name: 'Гарантия, мес', is_required: true });
  });

  it('removing a select option that deals use keeps their values as they are', async () => {
    const [p] = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines;
    const { dealIds } = await insertDeals(db, A.workspaceId, p.id, p.stages[0].id, 1, { warranty: '6 мес' });
    const res = await api('PATCH', `/api/crm/fields/${warranty.id}`, { token: A.token, body: { options: ['нет', '12 мес'] } });
    expect(res.status).toBe(200);
    const [row] = await db.query<{ custom_fields: any }>(`select custom_fields from conversations where id = $1`, [dealIds[0]]);
    expect(row.custom_fields).toEqual({ warranty: '6 мес' });
  });

  it('deleting a field needs an admin and removes its values from every deal (and only that key)', async () => {
    const [p] = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines;
    await post({ entity_type: 'deal', code: 'imei', name: 'IMEI', field_type: 'text' });
    const { dealIds } = await insertDeals(db, A.workspaceId, p.id, p.stages[0].id, 2, { warranty: 'нет', imei: '356938035643809' });
    expect((await api('DELETE', `/api/crm/fields/${warranty.id}`, { token: member.token, headers: member.headers })).status).toBe(403);
    const res = await api('DELETE', `/api/crm/fields/${warranty.id}`, { token: A.token });
    expect(res.status).toBe(204);
    const rows = await db.query<{ custom_fields: any; version: number }>(`select custom_fields, version from conversations where id = any($1::uuid[])`, [dealIds]);
    expect(rows.map((r) => r.custom_fields)).toEqual([{ imei: '356938035643809' }, { imei: '356938035643809' }]);
    expect(rows.every((r) => r.version === 2)).toBe(true);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from conversations where workspace_id = $1 and custom_fields ? 'warranty'`, [A.workspaceId]);
    expect(n).toBe(0);
    expect((await api('GET', `/api/crm/fields/${warranty.id}`, { token: A.token })).status).toBe(404);
    // the contact field with the same code is untouched
    const left = (await api('GET', '/api/crm/fields', { token: A.token })).body.fields.map((f: any) => `${f.entity_type}:${f.code}`);
    expect(left).toEqual(expect.arrayContaining(['contact:warranty', 'deal:imei']));
    expect(left).not.toContain('deal:warranty');
  });

  it('deleting a contact field clears it from clients', async () => {
    const f = (await post({ entity_type: 'contact', code: 'vip', name: 'VIP', field_type: 'boolean' })).body.field;
    const [c] = await db.query<{ id: string }>(`insert into clients (workspace_id, name, custom_fields) values ($1, 'VIP', '{"vip": true, "note": "x"}') returning id`, [A.workspaceId]);
    expect((await api('DELETE', `/api/crm/fields/${f.id}`, { token: A.token })).status).toBe(204);
    const [row] = await db.query<{ custom_fields: any }>(`select custom_fields from clients where id = $1`, [c.id]);
    expect(row.custom_fields).toEqual({ note: 'x' });
  });

  it('viewers cannot create or change fields', async () => {
    expect((await post({ entity_type: 'deal', code: 'v', name: 'v', field_type: 'text' }, viewer)).status).toBe(403);
    const [f] = (await api('GET', '/api/crm/fields', { token: A.token })).body.fields;
    expect((await api('PATCH', `/api/crm/fields/${f.id}`, { token: viewer.token, headers: viewer.headers, body: { name: 'v' } })).status).toBe(403);
    expect((await api('PATCH', '/api/crm/fields/00000000-0000-4000-8000-000000000000', { token: A.token, body: { name: 'v' } })).status).toBe(404);
  });
});
