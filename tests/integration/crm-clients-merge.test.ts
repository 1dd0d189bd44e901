// Merging two clients: everything of the merged one moves to the survivor, empty fields are
// filled, duplicates and self-relations disappear, the phone changes hands without tripping the
// unique index, and the whole merge is ONE audit entry and one `client_merged` event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { auditRows, disableRateLimits, expectFieldError, type TestUser } from './agents-fixtures';
import { addDialog, newClient } from './crm-clients-fixtures';

let db: Database;
let owner: TestUser;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Merge Co' });
  await db.query(`insert into crm_fields (workspace_id, entity_type, code, name, field_type) values
    ($1, 'contact', 'source', 'Источник', 'text'), ($1, 'contact', 'area', 'Площадь', 'number')`, [owner.workspaceId]);
});
afterAll(teardownTestDatabase);

describe('POST /api/clients/:id/merge', () => {
  it('moves channels, dialogs, facts, notes, tasks, relations and events; fills empty fields; deletes the merged client', async () => {
    const ws = owner.workspaceId;
    const s = await newClient(owner, { name: 'Асель', city: 'Алматы', telegram_id: 'tg-asel', custom_fields: { source: 'instagram' } });
    const m = await newClient(owner, {
      name: 'Асель Б.', phone: '8 701 111 22 33', email: 'asel@example.kz', city: 'Астана', whatsapp_id: 'wa-asel',
      custom_fields: { source: 'site', area: 60 },
    });
    const x = await newClient(owner, { name: 'Ержан' });
    const y = await newClient(owner, { name: 'Коллега' });
    const dialog = await addDialog(db, ws, m.id, { stage: 'delivered', price: 15000 });
    await api('POST', `/api/clients/${m.id}/facts`, { token: owner.token, body: { text: 'Любит скидки' } });
    await db.query(`insert into notes (workspace_id, client_id, text) values ($1, $2, 'Заметка М')`, [ws, m.id]);
    await db.query(`insert into tasks (workspace_id, client_id, text) values ($1, $2, 'Перезвонить М')`, [ws, m.id]);
    await db.query(`update clients set first_contact_at = '2025-01-01T00:00:00Z', last_contact_at = '2025-02-01T00:00:00Z' where id = $1`, [m.id]);
    await db.query(`update clients set first_contact_at = '2025-03-01T00:00:00Z', last_contact_at = '2025-03-02T00:00:00Z' where id = $1`, [s.id]);
    const rel = (from: string, to: string, type: string) =>
      api('POST', `/api/clients/${from}/relations`, { token: owner.token, body: { client_id: to, relation_type: type } });
    await rel(s.id, x.id, 'spouse');
    await rel(m.id, x.id, 'spouse'); // the survivor already has it: dropped, not duplicated
    await rel(m.id, s.id, 'sibling'); // between the two: would become a self-relation, dropped
    await rel(y.id, m.id, 'colleague'); // incoming: moves to the survivor
    const auditBefore = (await db.query<{ n: number }>(`select count(*)::int as n from audit_log where workspace_id = $1`, [ws]))[0].n;

    const res = await api('POST', `/api/clients/${s.id}/merge`, { token: owner.token, body: { merge_client_id: m.id } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = res.body.client;
    expect(c).toMatchObject({
      id: s.id, name: 'Асель', city: 'Алматы', phone: '+77011112233', email: 'asel@example.kz',
      custom_fields: { source: 'instagram', area: 60 },
    });
    expect(c.version).toBe(s.version + 1);
    expect(c.channels.map((ch: any) => `${ch.channel_type}:${ch.external_id}`).sort()).toEqual(['telegram:tg-asel', 'whatsapp:wa-asel']);
    expect(c.dialogs.map((d: any) => d.id)).toEqual([dialog]);
    expect(c.metrics).toMatchObject({ total_dialogs: 1, total_spent: 15000, first_contact_at: '2025-01-01T00:00:00.000Z' });
    expect(c.facts.map((f: any) => f.text)).toEqual(['Любит скидки']);
    expect(c.notes.map((n: any) => n.text)).toEqual(['Заметка М']);
    expect(c.tasks.map((t: any) => t.text)).toEqual(['Перезвонить М']);
    expect(c.relations.map((r: any) => `${r.direction}:${r.client_id}:${r.relation_type}`).sort()).toEqual(
      [`incoming:${y.id}:colleague`, `outgoing:${x.id}:spouse`].sort(),
    );

    expect((await api('GET', `/api/clients/${m.id}`, { token: owner.token })).status).toBe(404);
    const left = await db.query(
      `select 'events' as t from crm_events where client_id = $1 union all select 'channels' from client_channels where client_id = $1`,
      [m.id],
    );
    expect(left).toEqual([]);
    const events = await db.query<{ event_type: string; payload: any }>(`select event_type, payload from crm_events where client_id = $1`, [s.id]);
    expect(events.filter((e) => e.event_type === 'client_created')).toHaveLength(2); // the merged one's history came along
    const merged = events.filter((e) => e.event_type === 'client_merged');
    expect(merged).toHaveLength(1);
    expect(merged[0].payload).toMatchObject({ merged_client_id: m.id, merged_name: 'Асель Б.' });

    const auditAfter = (await db.query<{ n: number }>(`select count(*)::int as n from audit_log where workspace_id = $1`, [ws]))[0].n;
    expect(auditAfter - auditBefore, 'the merge is one audit entry').toBe(1);
    const [entry] = await auditRows(db, ws, 'merge_client');
    expect(entry.entity_id).toBe(s.id);
    expect(entry.new_values).toMatchObject({ client_id: s.id, merged_client_id: m.id });
    expect(entry.old_values.merged).toMatchObject({ id: m.id, phone: '+77011112233' });

    // The search text follows the new phone and channel.
    const found = await api('GET', '/api/clients', { token: owner.token, query: { search: 'wa-asel' } });
    expect(found.body.data.map((d: any) => d.id)).toEqual([s.id]);
    const byPhone = await api('GET', '/api/clients', { token: owner.token, query: { search: '87011112233' } });
    expect(byPhone.body.data.map((d: any) => d.id)).toEqual([s.id]);
  });

  it('the survivor keeps its own phone; the merged phone is then free for a new client', async () => {
    const s = await newClient(owner, { name: 'S', phone: '+77012220001' });
    const m = await newClient(owner, { name: 'M', phone: '+77012220002' });
    const res = await api('POST', `/api/clients/${s.id}/merge`, { token: owner.token, body: { merge_client_id: m.id } });
    expect(res.status).toBe(200);
    expect(res.body.client.phone).toBe('+77012220001');
    await newClient(owner, { name: 'New owner of the phone', phone: '+77012220002' });
  });

  it('refuses merging a client into itself (400) and unknown clients (404)', async () => {
    const s = await newClient(owner, { name: 'Solo' });
    expectFieldError(await api('POST', `/api/clients/${s.id}/merge`, { token: owner.token, body: { merge_client_id: s.id } }), 'merge_client_id');
    const unknown = await api('POST', `/api/clients/${s.id}/merge`, { token: owner.token, body: { merge_client_id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(404);
    expect((await api('GET', `/api/clients/${s.id}`, { token: owner.token })).status).toBe(200);
  });
});
