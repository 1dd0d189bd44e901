// Issue 10 groundwork: a customer's message through the real inbound path (a Telegram update
// stored like the webhook does, then processed) stops the follow-up chains running on that
// conversation and marks the last step that went out as answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
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

describe('a customer message stops running chains', () => {
  it('stops the run (customer_replied), cancels its due step and records the answer on the last step sent', async () => {
    await fx.deliver(textUpdate(7101, 'Здравствуйте, сколько стоит замена экрана?'));
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, 7101);
    const chain = await api('POST', `/api/agents/${fx.agentId}/chains`, {
      token: fx.owner.token,
      body: { name: 'Дожим', steps: [1, 2].map((h) => ({ delay_value: h, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Напомни' }] })) },
    });
    expect(chain.status, JSON.stringify(chain.body)).toBe(201);
    const { started } = await startChains(fx.workspaceId, conv.id);
    expect(started).toHaveLength(1);
    const runId = started[0].runId;
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
