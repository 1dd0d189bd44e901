// The production path of follow-up chains under @inngest/test: run-due-work sleeps until a chain
// step's due time (the mocked step), then claims the same row and runs the step — the follow-up
// reaches the customer through the fake Telegram once its delivery item is woken too. A step
// woken before its time does nothing; a run stopped before it wakes sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InngestTestEngine } from '@inngest/test';
import { api } from '@/tests/helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import { channelsFixture, conversationOfChat, textUpdate, type ChannelsFixture } from '@/tests/integration/channels-fixtures';
import type { Database } from '@/lib/db/client';
import { startChains } from '@/lib/chains/start-chains';
import { runDueWorkFn } from './run-due-work';

let db: Database;
let fx: ChannelsFixture;
let chainId: string;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 0 });
  fx.ai.setChatScript((_body, headers) => {
    if (headers['x-agent-purpose'] === 'rewrite_query') return { content: JSON.stringify({ queries: [] }) };
    if (headers['x-agent-purpose'] === 'chain_followup') return { content: 'Напоминание о ремонте' };
    return { content: 'Ответ агента' };
  });
  const res = await api('POST', `/api/agents/${fx.agentId}/chains`, {
    token: fx.owner.token,
    body: {
      name: 'Inngest',
      steps: [
        { delay_value: 0, delay_unit: 'Минуты', actions: [{ action_type: 'generate_message', instruction: 'Напомни' }] },
        { delay_value: 1, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Ещё раз' }] },
      ],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  chainId = (res.body.chain?.id ?? res.body.id) as string;
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

/** A Telegram conversation (the agent answered) with a running run of the chain. */
async function runOn(chat: number) {
  await fx.deliver(textUpdate(chat, 'Здравствуйте'));
  await fx.drain();
  const conv = await conversationOfChat(db, fx.workspaceId, chat);
  const { started } = await startChains(fx.workspaceId, conv.id);
  const run = started.find((s) => s.chainId === chainId);
  expect(run).toBeTruthy();
  return { conversationId: conv.id, runId: run!.runId };
}

/** The item's event, as scheduleDueWork sends it with Inngest configured; the sleep is mocked. */
async function wake(kind: string, subject: string, state = 'pending') {
  const [item] = await db.query<{ id: string; workspace_id: string; due_at: Date }>(
    `select id, workspace_id, due_at from due_work where kind = $1 and subject = $2 and state = $3 order by created_at desc limit 1`,
    [kind, subject, state],
  );
  expect(item, `${kind} ${subject} ${state}`).toBeTruthy();
  const t = new InngestTestEngine({ function: runDueWorkFn });
  const run = await t.execute({
    events: [{ name: 'jobs/due-work.scheduled', data: { workspace_id: item.workspace_id, id: item.id, due_at: new Date(item.due_at).toISOString(), kind, subject } }],
    steps: [{ id: 'wait-until-due', handler: () => undefined }],
  });
  expect(run.ctx.step.sleepUntil).toHaveBeenCalledWith('wait-until-due', new Date(item.due_at));
  return run.result as { claimed: number; done: number };
}

describe('run-due-work for chain steps', () => {
  it('sleeps until the step is due, runs it, and the follow-up is delivered; the next step woken early does nothing', async () => {
    const chat = 9601;
    const { runId } = await runOn(chat);
    expect(await wake('chain.step', `chain_run:${runId}`)).toMatchObject({ claimed: 1, done: 1 });
    const [step] = await db.query<{ status: string; message_id: string }>(`select status, message_id from chain_run_steps where run_id = $1`, [runId]);
    expect(step.status).toBe('sent');
    expect(await wake('message.deliver', `message:${step.message_id}`)).toMatchObject({ claimed: 1, done: 1 });
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ агента', 'Напоминание о ремонте']);

    // Step 2 is due in an hour: a wake-up now (a stale event) claims nothing and sends nothing.
    expect(await wake('chain.step', `chain_run:${runId}`)).toMatchObject({ claimed: 0 });
    expect(fx.tg.sent[String(chat)]).toHaveLength(2);
    const [run] = await db.query<{ status: string; current_step: number }>(`select status, current_step from chain_runs where id = $1`, [runId]);
    expect(run).toEqual({ status: 'running', current_step: 1 });
  });

  it('a run stopped before its step wakes: the woken function finds the item cancelled and sends nothing', async () => {
    const chat = 9602;
    const { conversationId, runId } = await runOn(chat);
    const res = await api('POST', `/api/conversations/${conversationId}/takeover`, { token: fx.owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await wake('chain.step', `chain_run:${runId}`, 'cancelled')).toMatchObject({ claimed: 0 });
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ агента']);
    expect(await db.query(`select id from chain_run_steps where run_id = $1`, [runId])).toEqual([]);
    const [run] = await db.query<{ status: string; stop_reason: string }>(`select status, stop_reason from chain_runs where id = $1`, [runId]);
    expect(run).toEqual({ status: 'stopped', stop_reason: 'human_took_over' });
  });
});
