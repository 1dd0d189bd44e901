// CSV import and export of clients: the mapping suggestion, a dry-run preview with duplicates
// and failing rows, all-or-nothing commits, merges into stored clients, size limits, and an
// export that is formula-injection safe and imports back into another workspace as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';
import { newClient } from './crm-clients-fixtures';

let db: Database;
let owner: TestUser;
let other: TestUser;

const count = async (table: string, ws: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [ws]))[0].n;
const field = (ws: string) =>
  db.query(`insert into crm_fields (workspace_id, entity_type, code, name, field_type) values ($1, 'contact', 'area', 'Площадь', 'number')`, [ws]);

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Import Co' });
  other = await registerUser({ company_name: 'Round Trip Co' });
  await field(owner.workspaceId);
  await field(other.workspaceId);
});
afterAll(teardownTestDatabase);

const MAPPING = { 'Имя': 'name', 'Телефон': 'phone', Email: 'email', 'Город': 'city', Telegram: 'telegram', 'Заметка': 'note', 'Площадь': 'custom:area', 'Статус': 'status' };
const header = 'Имя;Телефон;Email;Город;Telegram;Заметка;Площадь;Статус';

describe('POST /api/clients/import', () => {
  it('without a mapping: the columns, a sample and a mapping suggested from ru/en header names', async () => {
    const csv = `\uFEFF${header};Something else\nАлия;8 701 000 00 01;a@x.kz;Алматы;alia_tg;VIP;55;active;zzz\n`;
    const res = await api('POST', '/api/clients/import', { token: owner.token, body: { csv } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns).toEqual([...header.split(';'), 'Something else']);
    expect(res.body.sample_rows[0][0]).toBe('Алия');
    expect(res.body.suggested_mapping).toEqual({ ...MAPPING, 'Something else': 'skip' });
    const en = await api('POST', '/api/clients/import', { token: owner.token, body: { csv: 'Full name,Phone number,E-mail,City,WhatsApp\n' } });
    expect(en.body.suggested_mapping).toEqual({ 'Full name': 'name', 'Phone number': 'phone', 'E-mail': 'email', City: 'city', WhatsApp: 'whatsapp' });
  });

  it('preview counts creates and merges (stored phone/email/channel, or repeated in the file) and stores nothing', async () => {
    const stored = await newClient(owner, { name: 'Сохранённый', phone: '+77010000099' });
    const csv = [
      header,
      'Алия;8 701 000 00 01;alia@x.kz;Алматы;;;;',
      'Берик;+7 701 000 00 02;;;berik_tg;;;',
      ';8 (701) 000-00-99;stored@x.kz;;;;;', // the stored client, phone in another format
      'Алия Н.;;ALIA@x.kz;;;;;', // repeats row 2 by email
      ';;;;;;;', // blank: ignored
    ].join('\n');
    const before = await count('clients', owner.workspaceId);
    const res = await api('POST', '/api/clients/import', { token: owner.token, body: { csv, mapping: MAPPING, mode: 'preview' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 4, create: 2, merge: 2, failed: [] });
    expect(res.body.duplicates).toEqual([
      { row: 4, client_id: stored.id, name: 'Сохранённый', matched_by: 'phone' },
      { row: 5, client_id: null, name: 'Алия', matched_by: 'email', same_as_row: 2 },
    ]);
    expect(await count('clients', owner.workspaceId)).toBe(before);
  });

  it('a file with broken rows: the preview names each, the commit is 400 import_failed and nothing is stored', async () => {
    const csv = [
      header,
      'Хороший;+77010000101;good@x.kz;;;;;',
      'Плохой телефон;12345;;;;;;',
      'Плохая почта;;not-an-email;;;;;',
      'Статус;;;;;;;vip',
      'Площадь;;;;;;много;',
    ].join('\n');
    const preview = await api('POST', '/api/clients/import', { token: owner.token, body: { csv, mapping: MAPPING } });
    expect(preview.body.failed.map((f: any) => [f.row, f.field, f.code])).toEqual([
      [3, 'phone', 'invalid_phone'],
      [4, 'email', 'invalid_email'],
      [5, 'status', 'unknown_status'],
      [6, 'custom_fields.area', 'expected_number'],
    ]);
    const before = { clients: await count('clients', owner.workspaceId), events: await count('crm_events', owner.workspaceId) };
    const res = await api('POST', '/api/clients/import', { token: owner.token, body: { csv, mapping: MAPPING, mode: 'commit' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_failed');
    expect(res.body.error.details.failed).toHaveLength(4);
    expect({ clients: await count('clients', owner.workspaceId), events: await count('crm_events', owner.workspaceId) }).toEqual(before);
    expect(await auditRows(db, owner.workspaceId, 'import_clients')).toHaveLength(0);
    const search = await api('GET', '/api/clients', { token: owner.token, query: { search: 'Хороший' } });
    expect(search.body.data).toEqual([]);
  });

  it('commit creates the new clients and merges duplicates into the stored client (fills empty fields, adds channels)', async () => {
    const stored = await newClient(owner, { name: 'Гульнар', phone: '+77010000201', city: 'Шымкент' });
    const csv = [
      header,
      'Данияр;8 701 000 02 02;daniyar@x.kz;Алматы;dan_tg;Позвонить утром;70,5;',
      'Гульнар Иванова;+7 701 000 02 01;gulnar@x.kz;Астана;gul_tg;;;',
      'Данияр Д.;;;;dan_tg;;;inactive',
    ].join('\r\n');
    const res = await api('POST', '/api/clients/import', { token: owner.token, body: { csv, mapping: MAPPING, mode: 'commit' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, create: 1, merge: 2, failed: [] });
    const gul = (await api('GET', `/api/clients/${stored.id}`, { token: owner.token })).body.client;
    expect(gul).toMatchObject({ name: 'Гульнар', city: 'Шымкент', email: 'gulnar@x.kz' }); // kept its values, filled the empty one
    expect(gul.channels.map((c: any) => c.external_id)).toEqual(['gul_tg']);
    const found = await api('GET', '/api/clients', { token: owner.token, query: { search: 'dan_tg' } });
    expect(found.body.data).toHaveLength(1);
    const dan = (await api('GET', `/api/clients/${found.body.data[0].id}`, { token: owner.token })).body.client;
    expect(dan).toMatchObject({ name: 'Данияр', phone: '+77010000202', email: 'daniyar@x.kz', city: 'Алматы', status: 'inactive', custom_fields: { area: 70.5 } });
    expect(dan.notes.map((n: any) => [n.text, n.source])).toEqual([['Позвонить утром', 'import']]);
    const sources = await db.query<{ source: string }>(`select distinct source from crm_events where client_id = $1`, [dan.id]);
    expect(sources).toEqual([{ source: 'import' }]);
    const audit = await auditRows(db, owner.workspaceId, 'import_clients');
    expect(audit).toHaveLength(1);
    expect(audit[0].new_values).toMatchObject({ rows: 3, create: 1, merge: 2 });
  });

  it('accepts the file as multipart', async () => {
    const form = new FormData();
    form.set('file', new Blob([`Name,Phone\nMultipart Person,+77010000301\n`], { type: 'text/csv' }), 'clients.csv');
    form.set('mapping', JSON.stringify({ Name: 'name', Phone: 'phone' }));
    form.set('mode', 'commit');
    const res = await api('POST', '/api/clients/import', { token: owner.token, form });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.create).toBe(1);
  });

  it('refuses files over 5 MB (413), over 20,000 rows and unknown columns or fields in the mapping (400)', async () => {
    const big = `Name\n${'x'.repeat(5 * 1024 * 1024)}\n`;
    const tooBig = await api('POST', '/api/clients/import', { token: owner.token, body: { csv: big } });
    expect(tooBig.status).toBe(413);
    const many = `Name\n${Array.from({ length: 20_001 }, (_, i) => `c${i}`).join('\n')}\n`;
    const tooMany = await api('POST', '/api/clients/import', { token: owner.token, body: { csv: many, mapping: { Name: 'name' } } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('too_many_rows');
    expectFieldError(await api('POST', '/api/clients/import', { token: owner.token, body: { csv: 'Name\nx\n', mapping: { Nope: 'name' } } }), 'mapping.Nope');
    expectFieldError(await api('POST', '/api/clients/import', { token: owner.token, body: { csv: 'Name\nx\n', mapping: { Name: 'custom:nope' } } }), 'mapping.Name');
    expectFieldError(await api('POST', '/api/clients/import', { token: owner.token, body: { csv: 'Name\nx\n', mapping: { Name: 'password' } } }), 'mapping.Name');
  });
});

describe('GET /api/clients/export', () => {
  it('is CSV with a BOM, neutralises formulas, follows the filters, and imports back as it was', async () => {
    await newClient(owner, { name: '=HYPERLINK("http://evil","x")', phone: '+77010000401', email: 'evil@x.kz', city: '@SUM(A1)', telegram_id: 'evil_tg', custom_fields: { area: 12 } });
    await newClient(owner, { name: '-минус', status: 'inactive' });
    const res = await api('GET', '/api/clients/export', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="clients-/);
    const bytes = new Uint8Array(await res.raw.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Name,Phone,Email,City,Status,Type,Telegram,WhatsApp,VK,Avito,Web chat,Instagram,Площадь,Created at');
    const evil = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(evil.startsWith(`"'=HYPERLINK(""http://evil"",""x"")"`)).toBe(true);
    expect(evil).toContain(",'+77010000401,");
    expect(evil).toContain(",'@SUM(A1),");
    expect(lines.some((l) => l.startsWith("'-минус,"))).toBe(true);
    expect(lines.every((l) => !/(^|,)[=+\-@]/.test(l))).toBe(true);

    const inactive = await api('GET', '/api/clients/export', { token: owner.token, query: { status: 'inactive' } });
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from clients where workspace_id = $1 and status = 'inactive'`, [owner.workspaceId]);
    expect(n).toBeLessThan(await count('clients', owner.workspaceId));
    expect((inactive.body as string).trim().split('\r\n')).toHaveLength(n + 1);

    // Round trip into another workspace: same names, phones, emails, channels and custom fields.
    const suggest = await api('POST', '/api/clients/import', { token: other.token, body: { csv: text } });
    expect(suggest.body.suggested_mapping).toMatchObject({ Name: 'name', Phone: 'phone', Email: 'email', Telegram: 'telegram', 'Площадь': 'custom:area', 'Created at': 'skip' });
    const commit = await api('POST', '/api/clients/import', { token: other.token, body: { csv: text, mapping: suggest.body.suggested_mapping, mode: 'commit' } });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    const snapshot = async (ws: string) =>
      db.query(
        `select c.name, c.phone, c.email, c.city, c.status, c.client_type, c.custom_fields,
                (select string_agg(channel_type || ':' || external_id, ' ' order by external_id) from client_channels ch where ch.client_id = c.id) as channels
           from clients c where c.workspace_id = $1 order by c.name, c.phone nulls last, c.email nulls last`,
        [ws],
      );
    const mine = await snapshot(owner.workspaceId);
    expect(await snapshot(other.workspaceId)).toEqual(mine);
    expect(mine.length).toBeGreaterThan(5);
    // Importing the same file again merges every row into the clients it created.
    const again = await api('POST', '/api/clients/import', { token: other.token, body: { csv: text, mapping: suggest.body.suggested_mapping } });
    expect(again.body.create).toBe(mine.filter((r: any) => !r.phone && !r.email && !r.channels).length);
  });
});
