// Issue 10 groundwork: what stops follow-up chains, through the real paths — a customer's message
// (a Telegram update stored like the webhook does, then processed; the last step sent is marked
// as answered), an operator taking the dialog over, and the dialog being closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { startChains } from '@/lib/chains/start-chains';
import { channelsFixture, conversationOfChat, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 30 });
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

/** A conversation of a new Telegram chat with one running chain run (its steps 1 h apart). */
async function runningChain(chat: number, name: string) {
  await fx.deliver(textUpdate(chat, 'Здравствуйте, сколько стоит замена экрана?'));
  await fx.drain();
  const conv = await conversationOfChat(db, fx.workspaceId, chat);
  const chain = await api('POST', `/api/agents/${fx.agentId}/chains`, {
    token: fx.owner.token,
    body: { name, steps: [1, 2].map((h) => ({ delay_value: h, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Напомни' }] })) },
  });
  expect(chain.status, JSON.stringify(chain.body)).toBe(201);
  const chainId = (chain.body.chain?.id ?? chain.body.id) as string;
  const { started } = await startChains(fx.workspaceId, conv.id);
  const mine = started.find((s) => s.chainId === chainId);
  expect(mine, JSON.stringify(started)).toBeTruthy();
  return { conversationId: conv.id, runId: mine!.runId };
}
const runOf = async (runId: string) =>
  (await db.query<{ status: string; stop_reason: string | null }>(`select status, stop_reason from chain_runs where id = $1`, [runId]))[0];
const pendingStep = (runId: string) => db.query(`select id from due_work where subject = $1 and state = 'pending'`, [`chain_run:${runId}`]);

describe('an operator stops running chains', () => {
  it('taking the dialog over stops them (human_took_over)', async () => {
    const { conversationId, runId } = await runningChain(7201, 'Дожим 1');
    const res = await api('POST', `/api/conversations/${conversationId}/takeover`, { token: fx.owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await runOf(runId)).toEqual({ status: 'stopped', stop_reason: 'human_took_over' });
    expect(await pendingStep(runId)).toEqual([]);
    // Live for the conversation view: the start and the stop are chain_run:updated events.
    const events = await db.query<{ payload: { run_id: string; status: string; stop_reason: string | null }; permission: string }>(
      `select payload, permission from realtime_events where event_type = 'chain_run:updated' and conversation_id = $1 order by seq`,
      [conversationId],
    );
    expect(events.map((e) => [e.payload.run_id, e.payload.status, e.payload.stop_reason, e.permission])).toEqual([
      [runId, 'running', null, 'conversations.read'],
      [runId, 'stopped', 'human_took_over', 'conversations.read'],
    ]);
  });

  it('closing the dialog stops them (conversation_closed)', async () => {
    const { conversationId, runId } = await runningChain(7202, 'Дожим 2');
    const version = (await api('GET', `/api/conversations/${conversationId}`, { token: fx.owner.token })).body.conversation.version;
    const res = await api('PATCH', `/api/conversations/${conversationId}`, { token: fx.owner.token, body: { status: 'closed', version } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await runOf(runId)).toEqual({ status: 'stopped', stop_reason: 'conversation_closed' });
    expect(await pendingStep(runId)).toEqual([]);
  });
});

describe('the deal reaching a won or lost stage stops running chains', () => {
  it('moved on the card to a won stage (deal_won), or to a lost one (deal_lost); an open stage leaves them running', async () => {
    const patchStage = async (conversationId: string, stageId: string) => {
      const version = (await api('GET', `/api/conversations/${conversationId}`, { token: fx.owner.token })).body.conversation.version;
      const res = await api('PATCH', `/api/conversations/${conversationId}`, { token: fx.owner.token, body: { stage_id: stageId, version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const won = await runningChain(7301, 'Дожим 4');
    await patchStage(won.conversationId, fx.stages.qualifying);
    expect(await runOf(won.runId)).toEqual({ status: 'running', stop_reason: null });
    await patchStage(won.conversationId, fx.stages.delivered);
    expect(await runOf(won.runId)).toEqual({ status: 'stopped', stop_reason: 'deal_won' });
    expect(await pendingStep(won.runId)).toEqual([]);
    const lost = await runningChain(7302, 'Дожим 5');
    await patchStage(lost.conversationId, fx.stages.cancelled);
    expect(await runOf(lost.runId)).toEqual({ status: 'stopped', stop_reason: 'deal_lost' });
  });
});

describe('switching a chain off, editing it', () => {
  it('an edit bumps the version while a running run keeps its own; switching the chain off stops its runs (chain_off)', async () => {
    const { runId } = await runningChain(7401, 'Дожим 6');
    const [{ chain_id: chainId, chain_version: startedWith }] = await db.query<{ chain_id: string; chain_version: number }>(
      `select chain_id, chain_version from chain_runs where id = $1`,
      [runId],
    );
    const edit = await api('PATCH', `/api/agents/${fx.agentId}/chains/${chainId}`, { token: fx.owner.token, body: { name: 'Дожим 6 (новый текст)' } });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const [{ version }] = await db.query<{ version: number }>(`select version from chains where id = $1`, [chainId]);
    expect(version).toBe(startedWith + 1);
    expect(await runOf(runId)).toEqual({ status: 'running', stop_reason: null });
    const [{ chain_version, snapshot }] = await db.query<{ chain_version: number; snapshot: { name: string } }>(`select chain_version, snapshot from chain_runs where id = $1`, [runId]);
    expect([chain_version, snapshot.name]).toEqual([startedWith, 'Дожим 6']);
    const off = await api('PATCH', `/api/agents/${fx.agentId}/chains/${chainId}/toggle`, { token: fx.owner.token, body: { is_active: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await runOf(runId)).toEqual({ status: 'stopped', stop_reason: 'chain_off' });
    expect(await pendingStep(runId)).toEqual([]);
  });
});

describe('a customer message stops running chains', () => {
  it('stops the run (customer_replied), cancels its due step and records the answer on the last step sent', async () => {
    const { runId } = await runningChain(7101, 'Дожим 3');
    // As the step runner will write it: step 1 went out.
    await db.query(`insert into chain_run_steps (workspace_id, run_id, step_index, due_at, status) values ($1, $2, 0, now(), 'sent')`, [fx.workspaceId, runId]);

    await fx.deliver(textUpdate(7101, 'Да, актуально, когда можно прийти?'));
    await fx.drain();

    const [run] = await db.query<{ status: string; stop_reason: string }>(`select status, stop_reason from chain_runs where id = $1`, [runId]);
    expect(run).toEqual({ status: 'stopped', stop_reason: 'customer_replied' });
    const [step] = await db.query<{ customer_replied_at: Date | null }>(`select customer_replied_at from chain_run_steps where run_id = $1`, [runId]);
    expect(step.customer_replied_at).not.toBeNull();
    expect(await db.query(`select id from due_work where subject = $1 and state = 'pending'`, [`chain_run:${runId}`])).toEqual([]);
  });
});

describe('runs through the API', () => {
  it('the conversation shows its running run with the next step; the chain lists its runs by status; stop-all stops them', async () => {
    const { conversationId, runId } = await runningChain(7601, 'Дожим 8');
    const convRuns = await api('GET', `/api/conversations/${conversationId}/chain-runs`, { token: fx.owner.token });
    expect(convRuns.status, JSON.stringify(convRuns.body)).toBe(200);
    // Every active chain of the agent started here; this one is among them.
    const run = convRuns.body.data.find((r: { id: string }) => r.id === runId);
    expect(convRuns.body.data.every((r: { status: string }) => r.status === 'running')).toBe(true);
    expect(run).toMatchObject({ id: runId, chain_name: 'Дожим 8', status: 'running', current_step: 0, steps_total: 2, stop_reason: null });
    expect(run.next_step).toMatchObject({ index: 0, actions: [{ action_type: 'generate_message', instruction: 'Напомни' }] });
    expect(run.next_step.due_at).toBe(run.next_due_at);
    const chainId = run.chain_id;
    const base = `/api/agents/${fx.agentId}/chains/${chainId}/runs`;
    expect((await api('GET', base, { token: fx.owner.token, query: { status: 'running' } })).body.data.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect((await api('GET', base, { token: fx.owner.token, query: { status: 'stopped' } })).body.data).toEqual([]);
    expect((await api('GET', base, { token: fx.owner.token, query: { status: 'paused' } })).status).toBe(400);

    const stop = await api('POST', `${base}/stop-all`, { token: fx.owner.token });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    expect(stop.body).toEqual({ stopped: 1 });
    const listed = (await api('GET', `/api/conversations/${conversationId}/chain-runs`, { token: fx.owner.token })).body.data;
    const after = listed.find((r: { id: string }) => r.id === runId);
    // Running runs first: the stopped one comes after the others.
    expect(listed[listed.length - 1].id).toBe(runId);
    expect(after).toMatchObject({ id: runId, status: 'stopped', stop_reason: 'stopped_by_user', next_step: null });
    expect(await pendingStep(runId)).toEqual([]);
    expect((await api('POST', `${base}/stop-all`, { token: fx.owner.token })).body).toEqual({ stopped: 0 });
  });

  it('the chain\'s results: runs by outcome and, per step, what went out and who answered after it', async () => {
    const first = await runningChain(7701, 'Итоги');
    const chainId = (await db.query<{ chain_id: string }>(`select chain_id from chain_runs where id = $1`, [first.runId]))[0].chain_id;
    // Two more conversations with this chain: step 1 went out in both, one customer answered, one deal was won.
    const others: string[] = [];
    for (const chat of [7702, 7703]) {
      await fx.deliver(textUpdate(chat, 'Добрый день'));
      await fx.drain();
      const conv = await conversationOfChat(db, fx.workspaceId, chat);
      const { started } = await startChains(fx.workspaceId, conv.id);
      others.push(started.find((x) => x.chainId === chainId)!.runId);
    }
    for (const runId of others) {
      await db.query(`insert into chain_run_steps (workspace_id, run_id, step_index, due_at, status) values ($1, $2, 0, now(), 'sent')`, [fx.workspaceId, runId]);
    }
    await fx.deliver(textUpdate(7702, 'Да, интересно'));
    await fx.drain();
    const won = (await db.query<{ conversation_id: string }>(`select conversation_id from chain_runs where id = $1`, [others[1]]))[0].conversation_id;
    const version = (await api('GET', `/api/conversations/${won}`, { token: fx.owner.token })).body.conversation.version;
    expect((await api('PATCH', `/api/conversations/${won}`, { token: fx.owner.token, body: { stage_id: fx.stages.delivered, version } })).status).toBe(200);

    const res = await api('GET', `/api/agents/${fx.agentId}/chains/${chainId}/stats`, { token: fx.owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      runs_started: 3,
      running: 1,
      completed: 0,
      stopped_by: { customer_replied: 1, deal_won: 1 },
      steps: [
        { index: 0, sent: 2, drafted: 0, failed: 0, replied_after: 1 },
        { index: 1, sent: 0, drafted: 0, failed: 0, replied_after: 0 },
      ],
    });
  });

  it('another workspace reaches none of it', async () => {
    const { conversationId, runId } = await runningChain(7602, 'Дожим 9');
    const chainId = (await db.query<{ chain_id: string }>(`select chain_id from chain_runs where id = $1`, [runId]))[0].chain_id;
    const other = await registerUser({ company_name: 'Чужая фирма' });
    expect((await api('GET', `/api/conversations/${conversationId}/chain-runs`, { token: other.token })).status).toBe(404);
    expect((await api('GET', `/api/agents/${fx.agentId}/chains/${chainId}/runs`, { token: other.token })).status).toBe(404);
    expect((await api('POST', `/api/agents/${fx.agentId}/chains/${chainId}/runs/stop-all`, { token: other.token })).status).toBe(404);
    expect((await api('GET', `/api/agents/${fx.agentId}/chains/${chainId}/stats`, { token: other.token })).status).toBe(404);
    expect(await runOf(runId)).toEqual({ status: 'running', stop_reason: null });
  });
});

describe('switching the agent off', () => {
  it('stops every running run of its chains (agent_off)', async () => {
    const { runId } = await runningChain(7501, 'Дожим 7');
    const off = await api('PATCH', `/api/agents/${fx.agentId}/toggle`, { token: fx.owner.token, body: { is_active: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await runOf(runId)).toEqual({ status: 'stopped', stop_reason: 'agent_off' });
    expect((await db.query(`select id from chain_runs where agent_id = $1 and status = 'running'`, [fx.agentId])).length).toBe(0);
  });
});
