// Pipelines and stages through the API: the default pipeline, templates, stage replacement,
// the 409s that protect deals and agents, moving deals, permissions per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { addMember, auditRows, disableRateLimits, expectFieldError, newAgent, type TestUser } from './agents-fixtures';
import { insertDeals } from './crm-setup-fixtures';

let db: Database;
let A: TestUser;
let member: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;
let admin: Awaited<ReturnType<typeof addMember>>;

const SEED_CODES = ['new', 'qualifying', 'quoted', 'approved', 'received', 'in_progress', 'ready', 'delivered', 'cancelled'];

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Pipelines Repair' });
  member = await addMember(db, A, 'member');
  viewer = await addMember(db, A, 'viewer');
  admin = await addMember(db, A, 'admin');
});
afterAll(teardownTestDatabase);

const create = (body: unknown, who: { token: string; headers?: Record<string, string> } = A) =>
  api('POST', '/api/pipelines', { token: who.token, headers: who.headers, body });

describe('the default pipeline', () => {
  it('a new workspace has "Основная воронка" with seed 004’s nine stages in order', async () => {
    const res = await api('GET', '/api/pipelines', { token: A.token });
    expect(res.status).toBe(200);
    expect(res.body.pipelines).toHaveLength(1);
    const [p] = res.body.pipelines;
    expect(p).toMatchObject({ name: 'Основная воронка', is_default: true, is_active: true, vertical_code: 'phone_repair', deals_count: 0, agents: [] });
    expect(p.stages.map((s: { code: string }) => s.code)).toEqual(SEED_CODES);
    expect(p.stages.map((s: { order_index: number }) => s.order_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(p.stages.at(-2)).toMatchObject({ code: 'delivered', kind: 'won' });
    expect(p.stages.at(-1)).toMatchObject({ code: 'cancelled', kind: 'lost' });
  });

  it('the built-in phone_repair template has the same stages as the default pipeline', async () => {
    const [p] = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines;
    const v = (await api('GET', '/api/verticals', { token: A.token })).body.data.find((x: { code: string }) => x.code === 'phone_repair');
    expect(v).toMatchObject({ name: 'Ремонт телефонов', built_in: true, intents: ['repair', 'buy', 'sell', 'consult'] });
    expect(v.stages).toEqual(p.stages.map(({ code, name, color, kind }: Record<string, string>) => ({ code, name, color, kind })));
  });
});

describe('creating pipelines', () => {
  it('from scratch with inline stages; codes are derived from names when missing; colours normalised', async () => {
    const res = await create({
      name: 'Продажа б/у',
      stages: [
        { code: 'lead', name: 'Лид', color: '#AABBCC' },
        { name: 'В работе', kind: 'open' },
        { name: 'Продано', color: '#22c55e', kind: 'won' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.pipeline).toMatchObject({ name: 'Продажа б/у', is_default: false, vertical_code: null, deals_count: 0 });
    expect(res.body.pipeline.stages.map((s: any) => [s.code, s.name, s.color, s.kind])).toEqual([
      ['lead', 'Лид', '#aabbcc', 'open'],
      ['v_rabote', 'В работе', '#94a3b8', 'open'],
      ['prodano', 'Продано', '#22c55e', 'won'],
    ]);
    const [audit] = await auditRows(db, A.workspaceId, 'create_pipeline');
    expect(audit.entity_id).toBe(res.body.pipeline.id);
  });

  it('from a built-in template, and with no stages at all the small default set', async () => {
    const t = await create({ name: 'Запись', vertical_code: 'services' });
    expect(t.status).toBe(201);
    expect(t.body.pipeline.vertical_code).toBe('services');
    expect(t.body.pipeline.stages.map((s: any) => s.code)).toEqual(['new', 'qualifying', 'booked', 'in_progress', 'done', 'cancelled']);
    const d = await create({ name: 'Пустая' });
    expect(d.body.pipeline.stages.map((s: any) => [s.code, s.kind])).toEqual([
      ['new', 'open'],
      ['in_progress', 'open'],
      ['won', 'won'],
      ['lost', 'lost'],
    ]);
  });

  it("from the workspace's own vertical", async () => {
    const v = await api('POST', '/api/verticals', {
      token: A.token,
      body: { code: 'laptops', name: 'Ноутбуки', intents: ['repair'], stages: [{ name: 'Приём' }, { code: 'done', name: 'Готово', kind: 'won' }] },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const p = await create({ name: 'Ноутбуки', vertical_code: 'laptops' });
    expect(p.body.pipeline.stages.map((s: any) => s.code)).toEqual(['priem', 'done']);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    expectFieldError(await create({ name: 'X', stages: [] }), 'stages');
    expectFieldError(await create({ name: 'X', stages: [{ name: 'a', color: 'red' }] }), 'stages.0.color');
    expectFieldError(await create({ name: 'X', stages: [{ name: 'a', kind: 'maybe' }] }), 'stages.0.kind');
    expectFieldError(await create({ name: 'X', stages: [{ code: 'Bad Code', name: 'a' }] }), 'stages.0.code');
    expectFieldError(await create({ name: 'X', stages: [{ code: 'a', name: 'a' }, { code: 'a', name: 'b' }] }), 'stages.1.code');
    expectFieldError(await create({ name: 'X', stages: Array.from({ length: 51 }, (_, i) => ({ name: `s${i}` })) }), 'stages');
    expectFieldError(await create({ name: 'X', vertical_code: 'no_such' }), 'vertical_code');
    expectFieldError(await create({ name: '  ' }), 'name');
    const dup = await create({ name: 'основная ВОРОНКА' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('pipeline_name_taken');
  });
});

describe('PATCH a pipeline', () => {
  it('switching the default moves it atomically; the old default cannot be unset directly', async () => {
    const list = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines;
    const main = list.find((p: any) => p.is_default);
    const other = list.find((p: any) => p.name === 'Пустая');
    const res = await api('PATCH', `/api/pipelines/${other.id}`, { token: A.token, body: { is_default: true, name: 'Пустая (главная)' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pipeline).toMatchObject({ is_default: true, name: 'Пустая (главная)' });
    const after = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines;
    expect(after.filter((p: any) => p.is_default).map((p: any) => p.id)).toEqual([other.id]);
    expectFieldError(await api('PATCH', `/api/pipelines/${other.id}`, { token: A.token, body: { is_default: false } }), 'is_default');
    // and back
    expect((await api('PATCH', `/api/pipelines/${main.id}`, { token: A.token, body: { is_default: true } })).status).toBe(200);
    const off = await api('PATCH', `/api/pipelines/${other.id}`, { token: A.token, body: { is_active: false } });
    expect(off.body.pipeline).toMatchObject({ is_active: false, is_default: false });
  });
});

describe('PUT stages', () => {
  let p: any;
  beforeAll(async () => {
    p = (await create({ name: 'Stages', stages: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B' }, { code: 'c', name: 'C' }] })).body.pipeline;
  });
  const put = (body: unknown, who: { token: string; headers?: Record<string, string> } = A) =>
    api('PUT', `/api/pipelines/${p.id}/stages`, { token: who.token, headers: who.headers, body });
  const byCode = (code: string) => p.stages.find((s: any) => s.code === code);

  it('reorders, renames, swaps codes and adds without tripping the unique code index; ids stay', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map(byCode);
    const res = await put({
      stages: [
        { id: c.id, code: 'a', name: 'C renamed', color: '#ff0000', kind: 'won' },
        { id: a.id, code: 'c', name: 'A' },
        { name: 'Новый этап' },
        { id: b.id, code: 'b', name: 'B' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pipeline.stages.map((s: any) => [s.id === c.id ? 'C' : s.id === a.id ? 'A' : s.id === b.id ? 'B' : 'new', s.code, s.order_index])).toEqual([
      ['C', 'a', 0],
      ['A', 'c', 1],
      ['new', 'novyy_etap', 2],
      ['B', 'b', 3],
    ]);
    expect(res.body.pipeline.stages[0]).toMatchObject({ name: 'C renamed', color: '#ff0000', kind: 'won' });
    p = res.body.pipeline;
  });

  it('refuses a stage id of another pipeline, no stages, or a code twice', async () => {
    const main = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines.find((x: any) => x.is_default);
    expectFieldError(await put({ stages: [{ id: main.stages[0].id, name: 'x' }] }), 'stages.0.id');
    expectFieldError(await put({ stages: [] }), 'stages');
    expectFieldError(await put({ stages: [{ id: p.stages[0].id, name: 'x' }, { code: p.stages[0].code, name: 'y' }] }), 'stages.1.code');
  });

  it('removing a stage with deals: 409 with counts; move_to moves them with a stage_changed event and a version bump', async () => {
    const victim = p.stages[1]; // code c
    const other = p.stages[3]; // code b
    const { dealIds } = await insertDeals(db, A.workspaceId, p.id, victim.id, 2);
    const keep = p.stages.filter((s: any) => s.id !== victim.id).map(({ id, code, name, color, kind }: any) => ({ id, code, name, color, kind }));
    const refused = await put({ stages: keep });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'stage_has_deals', details: { stages: [{ id: victim.id, code: 'c', name: 'A', deals: 2 }] } });
    expect((await api('GET', `/api/pipelines/${p.id}`, { token: A.token })).body.pipeline.stages).toHaveLength(4);

    expectFieldError(await put({ stages: keep, move_to: { [victim.id]: victim.id } }), `move_to.${victim.id}`);
    const ok = await put({ stages: keep, move_to: { [victim.id]: other.id } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.pipeline.stages.map((s: any) => s.code)).toEqual(['a', 'novyy_etap', 'b']);
    expect(ok.body.pipeline.deals_count).toBe(2);
    const rows = await db.query<{ stage_id: string; version: number }>(`select stage_id, version from conversations where id = any($1::uuid[])`, [dealIds]);
    expect(rows.map((r) => [r.stage_id, r.version])).toEqual([
      [other.id, 2],
      [other.id, 2],
    ]);
    const events = await db.query<{ payload: any; source: string; actor_user_id: string }>(
      `select payload, source, actor_user_id from crm_events where event_type = 'stage_changed' and conversation_id = any($1::uuid[])`,
      [dealIds],
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ source: 'user', actor_user_id: A.userId, payload: { old_stage: 'c', new_stage: 'b', old_stage_id: victim.id, new_stage_id: other.id } });
    const [audit] = (await auditRows(db, A.workspaceId, 'replace_stages')).slice(-1);
    expect(audit.new_values.moved_deals).toBe(2);
    p = ok.body.pipeline;
  });

  it('members reorder and rename but only admins remove stages; viewers change nothing', async () => {
    const current = p.stages.map(({ id, code, name, color, kind }: any) => ({ id, code, name, color, kind }));
    const renamed = await put({ stages: [...current].reverse() }, member);
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const removeByMember = await put({ stages: current.slice(0, 1) }, member);
    expect(removeByMember.status).toBe(403);
    expect((await put({ stages: current }, viewer)).status).toBe(403);
    const removeByAdmin = await put({ stages: [current[0], current[2]] }, admin);
    expect(removeByAdmin.status, JSON.stringify(removeByAdmin.body)).toBe(200);
    expect(removeByAdmin.body.pipeline.stages.map((s: any) => s.code)).toEqual(['a', 'b']);
  });
});

describe('DELETE a pipeline', () => {
  it('the default one: 409 pipeline_is_default', async () => {
    const main = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines.find((x: any) => x.is_default);
    const res = await api('DELETE', `/api/pipelines/${main.id}`, { token: A.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pipeline_is_default');
  });

  it('used by agents: 409 naming them; free again once the agent stops using it', async () => {
    const p = (await create({ name: 'Agent pipe' })).body.pipeline;
    const agent = await newAgent(A.token, { name: 'Алия — ремонт' });
    const set = await api('PUT', `/api/agents/${agent.id}/pipelines`, {
      token: A.token,
      body: { pipelines: [{ pipeline_id: p.id, pipeline_name: p.name, is_active: true, all_stages: true }] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const listed = (await api('GET', `/api/pipelines/${p.id}`, { token: A.token })).body.pipeline;
    expect(listed.agents).toEqual([{ id: agent.id, name: 'Алия — ремонт' }]);
    const res = await api('DELETE', `/api/pipelines/${p.id}`, { token: A.token });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'pipeline_in_use', details: { agents: [{ id: agent.id, name: 'Алия — ремонт' }] } });
    await api('PUT', `/api/agents/${agent.id}/pipelines`, { token: A.token, body: { pipelines: [] } });
    expect((await api('DELETE', `/api/pipelines/${p.id}`, { token: A.token })).status).toBe(204);
  });

  it('with deals: 409 with the count; move_to must be a stage of another pipeline; then the deals move', async () => {
    const p = (await create({ name: 'Doomed' })).body.pipeline;
    const target = (await api('GET', '/api/pipelines', { token: A.token })).body.pipelines.find((x: any) => x.is_default).stages[2];
    const { dealIds } = await insertDeals(db, A.workspaceId, p.id, p.stages[0].id, 3);
    const refused = await api('DELETE', `/api/pipelines/${p.id}`, { token: A.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'pipeline_has_deals', details: { deals: 3 } });
    expectFieldError(await api('DELETE', `/api/pipelines/${p.id}`, { token: A.token, query: { move_to: p.stages[1].id } }), 'move_to');
    expect((await api('DELETE', `/api/pipelines/${p.id}`, { token: member.token, headers: member.headers, query: { move_to: target.id } })).status).toBe(403);
    const ok = await api('DELETE', `/api/pipelines/${p.id}`, { token: admin.token, headers: admin.headers, query: { move_to: target.id } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(204);
    const rows = await db.query<{ pipeline_id: string; stage_id: string }>(`select pipeline_id, stage_id from conversations where id = any($1::uuid[])`, [dealIds]);
    expect(rows.every((r) => r.pipeline_id === target.pipeline_id && r.stage_id === target.id)).toBe(true);
    expect((await api('GET', `/api/pipelines/${p.id}`, { token: A.token })).status).toBe(404);
    const events = await db.query(`select 1 from crm_events where event_type = 'stage_changed' and conversation_id = any($1::uuid[])`, [dealIds]);
    expect(events).toHaveLength(3);
  });
});

describe('permissions', () => {
  it('viewers read but cannot create, change or delete; members create but cannot delete', async () => {
    expect((await api('GET', '/api/pipelines', { token: viewer.token, headers: viewer.headers })).status).toBe(200);
    expect((await create({ name: 'By viewer' }, viewer)).status).toBe(403);
    const mine = await create({ name: 'By member' }, member);
    expect(mine.status).toBe(201);
    expect((await api('PATCH', `/api/pipelines/${mine.body.pipeline.id}`, { token: viewer.token, headers: viewer.headers, body: { name: 'v' } })).status).toBe(403);
    expect((await api('DELETE', `/api/pipelines/${mine.body.pipeline.id}`, { token: member.token, headers: member.headers })).status).toBe(403);
    expect((await api('DELETE', `/api/pipelines/${mine.body.pipeline.id}`, { token: admin.token, headers: admin.headers })).status).toBe(204);
  });

  it('unknown or malformed ids are 404', async () => {
    expect((await api('GET', '/api/pipelines/00000000-0000-4000-8000-000000000000', { token: A.token })).status).toBe(404);
    expect((await api('GET', '/api/pipelines/nope', { token: A.token })).status).toBe(404);
    expect((await api('PUT', '/api/pipelines/00000000-0000-4000-8000-000000000000/stages', { token: A.token, body: { stages: [{ name: 'x' }] } })).status).toBe(404);
  });
});
