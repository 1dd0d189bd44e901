// Issue 10, conversation view: "Stop" on the follow-up card
// (POST /api/conversations/:id/chain-runs/:runId/stop) — the run stops as stopped_by_user by this
// member, its next step is cancelled, the card's list shows it stopped; audited; another
// workspace gets 404 and the run keeps running; a second stop is a 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { startChains } from '@/lib/chains/start-chains';
import { channelsFixture, conversationOfChat, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
let conversationId: string;
let runId: string;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 30 });
  await fx.deliver(textUpdate(8101, 'Здравствуйте, сколько стоит замена экрана?'));
  await fx.drain();
  conversationId = (await conversationOfChat(db, fx.workspaceId, 8101)).id;
  const chain = await api('POST', `/api/agents/${fx.agentId}/chains`, {
    token: fx.owner.token,
    body: { name: 'Напоминание о ремонте', steps: [1, 2].map((h) => ({ delay_value: h, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Напомни' }] })) },
  });
  expect(chain.status, JSON.stringify(chain.body)).toBe(201);
  const chainId = (chain.body.chain?.id ?? chain.body.id) as string;
  const { started } = await startChains(fx.workspaceId, conversationId);
  runId = started.find((s) => s.chainId === chainId)!.runId;
  expect(runId).toBeTruthy();
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

const runOf = async () =>
  (await db.query<{ status: string; stop_reason: string | null; stopped_by: string | null }>(`select status, stop_reason, stopped_by from chain_runs where id = $1`, [runId]))[0];
const pendingStep = () => db.query(`select id from due_work where subject = $1 and state = 'pending'`, [`chain_run:${runId}`]);
const stop = (token: string, conv = conversationId, run = runId) => api('POST', `/api/conversations/${conv}/chain-runs/${run}/stop`, { token });

describe('stopping a follow-up from the conversation view', () => {
  it('another workspace gets 404 and the run keeps running; a malformed run id is a 404', async () => {
    const other = await registerUser({ company_name: 'Чужая мастерская' });
    expect((await stop(other.token)).status).toBe(404);
    expect(await runOf()).toMatchObject({ status: 'running', stop_reason: null });
    expect(await pendingStep()).toHaveLength(1);
    expect((await stop(fx.owner.token, conversationId, 'not-a-uuid')).status).toBe(404);
  });

  it('the member stops it: stopped_by_user by them, next step cancelled, the card list shows it stopped, audited; again → 409', async () => {
    const before = (await api('GET', `/api/conversations/${conversationId}/chain-runs`, { token: fx.owner.token })).body.data[0];
    expect(before).toMatchObject({ id: runId, status: 'running', chain_name: 'Напоминание о ремонте', steps_total: 2, next_step: { index: 0 } });

    const res = await stop(fx.owner.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.run).toMatchObject({ id: runId, status: 'stopped', stop_reason: 'stopped_by_user', next_step: null, next_due_at: null });
    expect(await runOf()).toEqual({ status: 'stopped', stop_reason: 'stopped_by_user', stopped_by: fx.owner.userId });
    expect(await pendingStep()).toEqual([]);

    const listed = (await api('GET', `/api/conversations/${conversationId}/chain-runs`, { token: fx.owner.token })).body.data;
    expect(listed.find((r: { id: string }) => r.id === runId)).toMatchObject({ status: 'stopped', stop_reason: 'stopped_by_user' });
    const audit = await db.query<{ action: string }>(`select action from audit_log where entity_id = $1`, [runId]);
    expect(audit.map((a) => a.action)).toEqual(['stop_chain_run']);

    const again = await stop(fx.owner.token);
    expect(again.status).toBe(409);
  });
});
