// Issue 10 groundwork: the chain preview through the API, and the database wall around chain runs. Members read their workspace's runs
// and may only stop a running one (as themselves); starting runs, advancing them and writing step
// results is the system actor's; another workspace sees and changes nothing; one run of a chain
// per conversation at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, newAgent, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';
import { startChains } from '@/lib/chains/start-chains';
import { stopRuns } from '@/lib/chains/stop-runs';
import { systemActor, withActor } from '@/lib/db/actor';

let db: Database;
let A: TestUser;
let B: TestUser;
let chainId: string;
let agentId: string;
let conversationId: string;

const member = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', actor: 'user', workspace_id: u.workspaceId });
const system = (u: TestUser) => ({ sub: null, role: 'authenticated', actor: 'system', system_name: 'chains', workspace_id: u.workspaceId });
const insertRun = `insert into chain_runs (workspace_id, chain_id, agent_id, conversation_id, chain_version, snapshot, next_due_at)
  values ($1, $2, $3, $4, 1, '{"steps": []}', now() + interval '1 hour') returning id`;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Цепочки А' });
  B = await registerUser({ company_name: 'Цепочки Б' });
  agentId = (await newAgent(A.token, { name: 'Продавец' })).id;
  const chain = await api('POST', `/api/agents/${agentId}/chains`, {
    token: A.token,
    body: { name: 'Дожим', steps: [{ order_index: 0, delay_value: 20, delay_unit: 'Минуты', actions: [{ action_type: 'generate_message', instruction: 'Напомни о себе' }] }] },
  });
  expect(chain.status, JSON.stringify(chain.body)).toBe(201);
  chainId = chain.body.chain?.id ?? chain.body.id;
  const client = await newClient(db, A.workspaceId, 'Айгерим');
  conversationId = (await newConversation(A, { client_id: client, channel: 'telegram' })).id;
});
afterAll(teardownTestDatabase);

describe('chain runs under row-level security', () => {
  it('the system actor starts a run; a second running run of the chain on the conversation is refused', async () => {
    await asAuthenticated(db, system(A), async (q) => {
      const [run] = await q(insertRun, [A.workspaceId, chainId, agentId, conversationId]);
      expect(run.id).toBeTruthy();
      await expect(q(insertRun, [A.workspaceId, chainId, agentId, conversationId])).rejects.toThrow(/chain_runs_one_running_idx|duplicate key/);
    });
  });

  it('a member cannot start, advance or rewrite a run, only stop a running one as themselves', async () => {
    await expect(asAuthenticated(db, member(A), (q) => q(insertRun, [A.workspaceId, chainId, agentId, conversationId]))).rejects.toThrow(/row-level security/);
    const [{ id: runId }] = await db.query<{ id: string }>(insertRun, [A.workspaceId, chainId, agentId, conversationId]);
    const as = (text: string, params: unknown[]) => asAuthenticated(db, member(A), (q) => q(text, params));
    await expect(as(`update chain_runs set current_step = 3 where id = $1`, [runId])).rejects.toThrow(/only stop/);
    await expect(as(`update chain_runs set status = 'completed', finished_at = now() where id = $1`, [runId])).rejects.toThrow(/only stop/);
    await expect(
      as(`update chain_runs set status = 'stopped', stop_reason = 'stopped_by_user', stopped_by = $2, finished_at = now() where id = $1`, [runId, B.userId]),
    ).rejects.toThrow(/only stop/);
    expect(
      await as(`update chain_runs set status = 'stopped', stop_reason = 'stopped_by_user', stopped_by = $2, finished_at = now() where id = $1 returning id`, [runId, A.userId]),
    ).toEqual([{ id: runId }]);
  });

  it('another workspace sees no run and changes none', async () => {
    const mine = await asAuthenticated(db, member(A), (q) => q(`select id from chain_runs`));
    expect(mine.length, 'positive control').toBeGreaterThan(0);
    expect(await asAuthenticated(db, member(B), (q) => q(`select id from chain_runs`))).toEqual([]);
    expect(await asAuthenticated(db, system(B), (q) => q(`update chain_runs set next_due_at = now() returning id`))).toEqual([]);
    await expect(asAuthenticated(db, system(B), (q) => q(insertRun, [A.workspaceId, chainId, agentId, conversationId]))).rejects.toThrow(/row-level security/);
  });
});

describe('POST /api/agents/:id/chains/:chainId/preview', () => {
  const weekdays = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'].map((day, i) => ({
    day,
    enabled: i < 5,
    start: '08:00',
    end: '20:00',
  }));
  const url = () => `/api/agents/${agentId}/chains/${chainId}/preview`;

  it('shows when each step goes out in the workspace time zone, unsaved steps and schedule included', async () => {
    // Friday 21:30 in Almaty (the workspace default), a 30-minute then a 3-hour step, weekdays 08-20.
    const res = await api('POST', url(), {
      token: A.token,
      body: {
        start_at: '2026-11-27T21:30:00+05:00',
        schedule: weekdays,
        steps: [
          { delay_value: 30, delay_unit: 'Минуты', actions: [{ action_type: 'generate_message', instruction: 'Напомни' }] },
          { delay_value: 3, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Ещё раз' }] },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      time_zone: 'Asia/Almaty',
      start_at: '2026-11-27T16:30:00.000Z',
      steps: [
        { index: 0, due_at: '2026-11-30T03:00:00.000Z', moved_by_schedule: true },
        { index: 1, due_at: '2026-11-30T06:00:00.000Z', moved_by_schedule: false },
      ],
    });
    // The saved chain (one 20-minute step, no schedule) when nothing is given but the start.
    const saved = await api('POST', url(), { token: A.token, body: { start_at: '2026-11-27T21:30:00+05:00' } });
    expect(saved.body.steps).toEqual([{ index: 0, due_at: '2026-11-27T16:50:00.000Z', moved_by_schedule: false }]);
  });

  it('bad input is a 400 naming the field; another workspace gets 404', async () => {
    const bad = await api('POST', url(), { token: A.token, body: { start_at: 'пятница' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('start_at');
    const other = await api('POST', url(), { token: B.token, body: { start_at: '2026-11-27T21:30:00+05:00' } });
    expect(other.status).toBe(404);
  });
});

describe('startChains', () => {
  const step = (delay_value: number, delay_unit = 'Минуты') => ({ delay_value, delay_unit, actions: [{ action_type: 'generate_message', instruction: 'Напомни о себе' }] });
  const newChain = async (body: Record<string, unknown>) => {
    const res = await api('POST', `/api/agents/${startAgent}/chains`, { token: A.token, body: { name: 'Цепочка', steps: [step(20)], ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body.chain?.id ?? res.body.id) as string;
  };
  let startAgent: string;
  let conv: string;
  const lastMessageAt = new Date('2026-11-27T16:30:00Z'); // Friday 21:30 in Almaty

  beforeAll(async () => {
    startAgent = (await newAgent(A.token, { name: 'Дожимщик' })).id;
    const client = await newClient(db, A.workspaceId, 'Данияр');
    conv = (await newConversation(A, { client_id: client, channel: 'telegram' })).id;
    await db.query(`update conversations set agent_id = $2, last_message_at = $3 where id = $1`, [conv, startAgent, lastMessageAt.toISOString()]);
  });

  it('starts each matching chain once: a run with its version and due work at step 1 (moved into the schedule)', async () => {
    const weekdays = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'].map((day, i) => ({ day, enabled: i < 5, start: '08:00', end: '20:00' }));
    const plain = await newChain({ name: 'Через 20 минут' });
    const scheduled = await newChain({ name: 'В рабочие часы', schedule: weekdays, run_limit: 1 });
    const otherStage = await newChain({ name: 'Другой этап', condition_type: 'specific', condition_stages: [crypto.randomUUID()] });
    const excluded = await newChain({ name: 'С исключением', condition_exclude: 'если уже договорились' });
    const off = await newChain({ name: 'Выключена', is_active: false });

    const first = await startChains(A.workspaceId, conv);
    const started = Object.fromEntries(first.started.map((s) => [s.chainId, s.dueAt]));
    expect(started).toEqual({ [plain]: '2026-11-27T16:50:00.000Z', [scheduled]: '2026-11-30T03:00:00.000Z' });
    expect(first.skipped).toEqual(
      expect.arrayContaining([
        { chainId: otherStage, reason: 'stage_not_matched' },
        { chainId: excluded, reason: 'exclude_not_judged' },
      ]),
    );
    expect(first.skipped.some((s) => s.chainId === off)).toBe(false);
    const runs = await db.query<{ chain_id: string; chain_version: number; status: string; next_due_at: Date }>(
      `select chain_id, chain_version, status, next_due_at from chain_runs where conversation_id = $1 order by next_due_at`,
      [conv],
    );
    expect(runs.map((r) => [r.chain_id, r.chain_version, r.status])).toEqual([
      [plain, 1, 'running'],
      [scheduled, 1, 'running'],
    ]);
    const due = await db.query<{ subject: string; due_at: Date }>(`select subject, due_at from due_work where kind = 'chain.step' and state = 'pending' order by due_at`);
    expect(due.map((d) => new Date(d.due_at).toISOString())).toEqual(['2026-11-27T16:50:00.000Z', '2026-11-30T03:00:00.000Z']);

    // Again: already going, nothing new; the counters counted each run once.
    const again = await startChains(A.workspaceId, conv);
    expect(again.started).toEqual([]);
    expect(again.skipped).toEqual(expect.arrayContaining([{ chainId: plain, reason: 'already_running' }, { chainId: scheduled, reason: 'already_running' }]));
    const counts = await db.query<{ id: string; runs_count: number }>(`select id, runs_count from chains where id = any($1)`, [[plain, scheduled]]);
    expect(Object.fromEntries(counts.map((c) => [c.id, c.runs_count]))).toEqual({ [plain]: 1, [scheduled]: 1 });

    // Once its run ended, a chain with run_limit 1 does not start again; the unlimited one does.
    await db.query(`update chain_runs set status = 'completed', finished_at = now() where conversation_id = $1`, [conv]);
    const third = await startChains(A.workspaceId, conv);
    expect(third.started.map((s) => s.chainId)).toEqual([plain]);
    expect(third.skipped).toEqual(expect.arrayContaining([{ chainId: scheduled, reason: 'run_limit_reached' }]));
  });

  it('stopRuns stops a conversation\'s running runs with the reason and cancels their due work; finished runs stay as they were', async () => {
    const going = await db.query<{ id: string }>(`select id from chain_runs where conversation_id = $1 and status = 'running'`, [conv]);
    expect(going.length, 'positive control').toBeGreaterThan(0);
    const actor = systemActor('chains', A.workspaceId);
    const stopped = await withActor(actor, (tx) => stopRuns(tx, { workspaceId: A.workspaceId, conversationId: conv, reason: 'customer_replied' }));
    expect(stopped.sort()).toEqual(going.map((g) => g.id).sort());
    const rows = await db.query<{ status: string; stop_reason: string | null; next_due_at: Date | null }>(
      `select status, stop_reason, next_due_at from chain_runs where id = any($1)`,
      [stopped],
    );
    expect(rows.every((r) => r.status === 'stopped' && r.stop_reason === 'customer_replied' && r.next_due_at === null)).toBe(true);
    const pending = await db.query(`select id from due_work where kind = 'chain.step' and state = 'pending' and subject = any($1)`, [stopped.map((id) => `chain_run:${id}`)]);
    expect(pending).toEqual([]);
    expect((await db.query(`select id from chain_runs where conversation_id = $1 and status = 'completed'`, [conv])).length).toBeGreaterThan(0);
    // Nothing left to stop: an empty answer, not an error.
    expect(await withActor(actor, (tx) => stopRuns(tx, { workspaceId: A.workspaceId, conversationId: conv, reason: 'human_took_over' }))).toEqual([]);
  });

  it('a closed conversation starts nothing', async () => {
    await db.query(`update conversations set status = 'closed' where id = $1`, [conv]);
    try {
      expect(await startChains(A.workspaceId, conv)).toEqual({ started: [], skipped: [] });
    } finally {
      await db.query(`update conversations set status = 'active' where id = $1`, [conv]);
    }
  });
});
