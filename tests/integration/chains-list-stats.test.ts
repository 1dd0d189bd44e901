// Issue 10 "Results" on the chain list and the agent page: each chain row carries its runs' summary
// (started, running, messages sent, answers after a step) and how many runs are in flight; the chain
// editor previews a chain that is not saved yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, newAgent, type TestUser } from './agents-fixtures';
import { newClient, newConversation } from './crm-conversations-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let agentId: string;
let busy: string;
let quiet: string;

const step = (delay_value: number, delay_unit = 'Минуты') => ({ delay_value, delay_unit, actions: [{ action_type: 'generate_message', instruction: 'Напомни о себе' }] });
const newChain = async (agent: string, user: TestUser, name: string) => {
  const res = await api('POST', `/api/agents/${agent}/chains`, { token: user.token, body: { name, steps: [step(20), step(2, 'Часы')] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chain.id as string;
};
/** A run of the chain on a new conversation, with the given step results (step index → status, answered after it). */
async function run(user: TestUser, agent: string, chainId: string, status: 'running' | 'completed' | 'stopped', steps: [string, boolean][]) {
  const client = await newClient(db, user.workspaceId, 'Клиент');
  const conv = (await newConversation(user, { client_id: client, channel: 'telegram' })).id;
  const [{ id }] = await db.query<{ id: string }>(
    `insert into chain_runs (workspace_id, chain_id, agent_id, conversation_id, chain_version, snapshot, status, stop_reason, next_due_at, finished_at)
     values ($1, $2, $3, $4, 1, '{"steps": []}', $5::text, $6, case when $5::text = 'running' then now() + interval '1 hour' end, case when $5::text <> 'running' then now() end)
     returning id`,
    [user.workspaceId, chainId, agent, conv, status, status === 'stopped' ? 'customer_replied' : null],
  );
  for (const [i, [stepStatus, replied]] of steps.entries()) {
    await db.query(
      `insert into chain_run_steps (workspace_id, run_id, step_index, due_at, status, customer_replied_at) values ($1, $2, $3, now(), $4, $5)`,
      [user.workspaceId, id, i, stepStatus, replied ? new Date().toISOString() : null],
    );
  }
}

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Итоги цепочек' });
  B = await registerUser({ company_name: 'Чужие итоги' });
  agentId = (await newAgent(A.token, { name: 'Продавец' })).id;
  busy = await newChain(agentId, A, 'Дожим');
  quiet = await newChain(agentId, A, 'Тихая');
  // Three runs of "Дожим": two going (one sent step 1), one stopped when the customer answered after step 1;
  // one finished run that sent both steps; a draft does not count as sent.
  await run(A, agentId, busy, 'running', []);
  await run(A, agentId, busy, 'running', [['sent', false]]);
  await run(A, agentId, busy, 'stopped', [['sent', true]]);
  await run(A, agentId, busy, 'completed', [['sent', false], ['drafted', false]]);
  // Another workspace's busy chain adds nothing to ours.
  const otherAgent = (await newAgent(B.token, { name: 'Чужой' })).id;
  await run(B, otherAgent, await newChain(otherAgent, B, 'Чужая'), 'running', [['sent', true]]);
});
afterAll(teardownTestDatabase);

describe('chain list rows carry their results', () => {
  it('GET …/chains: runs started, running, sent, answered after a step, and the runs in flight, per chain', async () => {
    const res = await api('GET', `/api/agents/${agentId}/chains`, { token: A.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = Object.fromEntries(res.body.chains.map((c: { id: string; stats: unknown; runs_in_flight: number }) => [c.id, [c.stats, c.runs_in_flight]]));
    expect(rows).toEqual({
      [busy]: [{ runs_started: 4, running: 2, sent: 3, replied: 1 }, 2],
      [quiet]: [{ runs_started: 0, running: 0, sent: 0, replied: 0 }, 0],
    });
  });

  it('the agent (its page) carries the same rows, so its totals add up; stopping all updates them', async () => {
    const agent = (await api('GET', `/api/agents/${agentId}`, { token: A.token })).body.agent;
    expect(agent.chains.find((c: { id: string }) => c.id === busy).runs_in_flight).toBe(2);
    const stop = await api('POST', `/api/agents/${agentId}/chains/${busy}/runs/stop-all`, { token: A.token });
    expect(stop.body).toEqual({ stopped: 2 });
    const after = (await api('GET', `/api/agents/${agentId}/chains`, { token: A.token })).body.chains.find((c: { id: string }) => c.id === busy);
    expect([after.stats, after.runs_in_flight]).toEqual([{ runs_started: 4, running: 0, sent: 3, replied: 1 }, 0]);
  });
});

describe('POST /api/agents/:id/chains/preview (a chain not saved yet)', () => {
  const weekdays = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'].map((day, i) => ({
    day,
    enabled: i < 5,
    start: '08:00',
    end: '20:00',
  }));
  const url = () => `/api/agents/${agentId}/chains/preview`;

  it('times the steps from the body in the workspace time zone, the schedule moving a step past the weekend', async () => {
    const res = await api('POST', url(), {
      token: A.token,
      body: { start_at: '2026-11-27T21:30:00+05:00', schedule: weekdays, steps: [step(30), step(3, 'Часы')] },
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
    // No schedule: any time. Only the timing counts: a step whose instruction is not written yet is timed too.
    const any = await api('POST', url(), { token: A.token, body: { start_at: '2026-11-27T21:30:00+05:00', steps: [{ delay_value: 30, delay_unit: 'Минуты' }] } });
    expect(any.body.steps).toEqual([{ index: 0, due_at: '2026-11-27T17:00:00.000Z', moved_by_schedule: false }]);
  });

  it('without steps or with a bad start it is a 400 naming the field; another workspace\'s agent is a 404', async () => {
    const noSteps = await api('POST', url(), { token: A.token, body: { start_at: '2026-11-27T21:30:00+05:00' } });
    expect(noSteps.status).toBe(400);
    expect(noSteps.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('steps');
    const bad = await api('POST', url(), { token: A.token, body: { start_at: 'пятница', steps: [step(30)] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('start_at');
    const other = await api('POST', url(), { token: B.token, body: { start_at: '2026-11-27T21:30:00+05:00', steps: [step(30)] } });
    expect(other.status).toBe(404);
  });
});
