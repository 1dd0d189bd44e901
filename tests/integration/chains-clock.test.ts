// Issue 10's clock-driven test of follow-up chains: real Telegram conversations (fake Telegram),
// follow-ups written by the fake OpenAI server, due work run by the in-process runner at a clock
// the test moves (nothing sleeps). The process runs in UTC; the workspace is in Asia/Almaty, and
// for one case in America/New_York — the schedule is read in the workspace's time zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { startChains } from '@/lib/chains/start-chains';
import { CHAIN_START_KIND } from '@/lib/chains/schedule-chain-start';
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { runStep } from '@/lib/chains/run-step';
import { claimDueWork, LEASE_MS, runDueWork } from '@/lib/jobs/due-work/run-due-work';
import type { ChatScript } from '../fakes/openai-server';
import { channelsFixture, conversationOfChat, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
/** Set by a test to act while the fake model writes the follow-up of an instruction (a reply or takeover "during generation"). */
const duringFollowup = new Map<string, () => Promise<void>>();

const CHATS = [8101, 8102, 8201, 8202, 8203, 8204, 8205, 8206, 8207, 8301, 8302, 8303, 8304, 8305, 8306, 8401, 8402];
const WEEKDAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница'];
const workdays = (start: string, end: string) => [
  ...WEEKDAYS.map((day) => ({ day, enabled: true, start, end })),
  { day: 'Суббота', enabled: false, start, end },
  { day: 'Воскресенье', enabled: false, start, end },
];

/** The fake model: follow-ups quote their instruction; an update_field instruction in prose becomes a call. */
const modelScript: ChatScript = async (body, headers) => {
  const purpose = headers['x-agent-purpose'];
  if (purpose === 'rewrite_query') return { content: JSON.stringify({ queries: [] }) };
  if (purpose === 'chain_followup' && body.tools?.length) {
    // An update_field instruction not written as `field = value`: the model makes the call.
    return { tool_calls: [{ name: 'update_field', arguments: { entity: 'contact', field: 'city', value: 'Алматы' } }] };
  }
  if (purpose === 'chain_followup') {
    const system = String(body.messages[0].content);
    const instruction = /instruction from the business owner: (.*)/.exec(system)?.[1] ?? '?';
    const hook = duringFollowup.get(instruction);
    duringFollowup.delete(instruction);
    await hook?.();
    return { content: `Follow-up: ${instruction}` };
  }
  if (purpose && purpose !== 'reply') return { content: '{}' };
  return { content: 'Ответ агента' };
};

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 0 });
  await db.query(`update workspaces set time_zone = 'Asia/Almaty' where id = $1`, [fx.workspaceId]);
  // Every case's conversation at once: a customer writes in Telegram, the agent answers.
  for (const chat of CHATS) await fx.deliver(textUpdate(chat, 'Здравствуйте, сколько стоит замена экрана?'));
  fx.ai.setChatScript(modelScript);
  // This file starts each run itself (startChains, with the last message at a chosen time); the
  // durable start hook after every agent turn (chain.start, tested in chains-start.test.ts) would
  // start the case's chain on every other conversation too, so here its item does nothing.
  onDueWork(CHAIN_START_KIND, async () => {});
  await fx.drain();
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

// ---- helpers -----------------------------------------------------------------------------------

/** The conversation of Telegram chat `chat` (its customer wrote and the agent answered in beforeAll). */
async function conversationFor(chat: number): Promise<string> {
  const conv = await conversationOfChat(db, fx.workspaceId, chat);
  expect(conv, `chat ${chat} is one of CHATS`).toBeTruthy();
  return conv.id;
}

/** The only active chain of the agent (earlier ones are switched off through the API). */
async function onlyChain(body: Record<string, unknown>): Promise<string> {
  const list = await api('GET', `/api/agents/${fx.agentId}/chains`, { token: fx.owner.token });
  for (const c of (list.body.chains ?? list.body.data ?? list.body) as { id: string; is_active: boolean }[]) {
    if (c.is_active) await api('PATCH', `/api/agents/${fx.agentId}/chains/${c.id}/toggle`, { token: fx.owner.token, body: { is_active: false } });
  }
  const res = await api('POST', `/api/agents/${fx.agentId}/chains`, { token: fx.owner.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.chain?.id ?? res.body.id) as string;
}

const step = (delay_value: number, delay_unit: string, ...instructions: string[]) => ({
  delay_value,
  delay_unit,
  actions: instructions.map((instruction) => ({ action_type: 'generate_message', instruction })),
});

/** Starts the chain on the conversation as if its last message was at `lastMessageAt`. */
async function startAt(conversationId: string, chainId: string, lastMessageAt: Date): Promise<string> {
  await db.query(`update conversations set last_message_at = $2 where id = $1`, [conversationId, lastMessageAt]);
  const { started, skipped } = await startChains(fx.workspaceId, conversationId);
  const mine = started.find((s) => s.chainId === chainId);
  expect(mine, JSON.stringify({ started, skipped })).toBeTruthy();
  return mine!.runId;
}

const followups = (chat: number) => (fx.tg.sent[String(chat)] ?? []).filter((t) => t.startsWith('Follow-up:'));
const runOf = async (runId: string) =>
  (
    await db.query<{ status: string; stop_reason: string | null; current_step: number; chain_version: number; next_due_at: Date | null }>(
      `select status, stop_reason, current_step, chain_version, next_due_at from chain_runs where id = $1`,
      [runId],
    )
  )[0];
const stepsOf = (runId: string) =>
  db.query<{ step_index: number; status: string; due_at: Date; message_id: string | null; actions: any[]; customer_replied_at: Date | null }>(
    `select step_index, status, due_at, message_id, actions, customer_replied_at from chain_run_steps where run_id = $1 order by step_index`,
    [runId],
  );
const pendingStep = async (runId: string) =>
  (await db.query<{ due_at: Date; payload: any }>(`select due_at, payload from due_work where subject = $1 and state = 'pending'`, [`chain_run:${runId}`]))[0] ?? null;
/** The webhook stores a customer's message and the channel path processes it (only that item runs). */
async function customerWrites(chat: number, text: string) {
  const { id } = await fx.deliver(textUpdate(chat, text));
  const [item] = await db.query<{ id: string }>(`select id from due_work where subject = $1`, [`update:${id}`]);
  expect(await runDueWork({ id: item.id, now: fx.clock.now })).toMatchObject({ done: 1 });
}
/** Moves the clock to `at` and runs whatever is due. */
const at = async (iso: string | Date) => {
  fx.clock.set(new Date(iso));
  await fx.drain();
};

// Fridays at least a week ahead of the real date, one per case, so the clock only moves forward.
let week = 0;
function nextFriday(): Date {
  const base = new Date(Date.UTC(2026, 11, 4)); // Friday 2026-12-04
  const now = Date.now();
  let d = new Date(base.getTime() + 7 * 86_400_000 * week++);
  while (d.getTime() < now + 7 * 86_400_000) d = new Date(d.getTime() + 7 * 86_400_000 * ++week);
  return d;
}
const on = (friday: Date, dayOffset: number, utcTime: string) => {
  const d = new Date(friday.getTime() + dayOffset * 86_400_000);
  return new Date(`${d.toISOString().slice(0, 10)}T${utcTime}Z`);
};

// ---- the cases ---------------------------------------------------------------------------------

describe('a three-step chain on the clock', () => {
  it('goes out at the right times: Friday evening → Monday 09:00 Almaty (the weekend skipped), then +1 day, then +30 min; then completes', async () => {
    expect(new Date(0).getTimezoneOffset()).toBe(0); // the server's zone is UTC, the workspace's is not
    const chat = 8101;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({
      name: 'Три касания',
      schedule: workdays('09:00', '18:00'),
      steps: [step(2, 'Часы', 'Напомни о ремонте'), step(1, 'Дни', 'Предложи скидку'), step(30, 'Минуты', 'Спроси, остались ли вопросы')],
    });
    const fri = nextFriday();
    // Friday 16:30 in Almaty (UTC+5) = 11:30 UTC; +2 h = 18:30, after the window closes.
    const runId = await startAt(conv, chainId, on(fri, 0, '11:30:00'));
    const monday0900 = on(fri, 3, '04:00:00');
    expect((await pendingStep(runId))?.due_at).toEqual(monday0900);

    await at(on(fri, 0, '13:30:00')); // Friday 18:30 Almaty: the raw delay, outside the schedule
    await at(new Date(monday0900.getTime() - 1000));
    expect(followups(chat)).toEqual([]);

    await at(monday0900);
    expect(followups(chat)).toEqual(['Follow-up: Напомни о ремонте']);
    const tuesday0900 = on(fri, 4, '04:00:00'); // one calendar day after step 1 went out
    expect(await runOf(runId)).toMatchObject({ status: 'running', current_step: 1, next_due_at: tuesday0900 });
    expect((await pendingStep(runId))?.payload).toEqual({ run_id: runId, step_index: 1 });

    await at(tuesday0900);
    expect(followups(chat)).toHaveLength(2);
    await at(new Date(tuesday0900.getTime() + 30 * 60_000));
    expect(followups(chat)).toEqual(['Follow-up: Напомни о ремонте', 'Follow-up: Предложи скидку', 'Follow-up: Спроси, остались ли вопросы']);

    expect(await runOf(runId)).toMatchObject({ status: 'completed', stop_reason: null, current_step: 3, next_due_at: null });
    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.step_index, s.status, s.due_at.toISOString()])).toEqual([
      [0, 'sent', monday0900.toISOString()],
      [1, 'sent', tuesday0900.toISOString()],
      [2, 'sent', new Date(tuesday0900.getTime() + 30 * 60_000).toISOString()],
    ]);
    expect(steps.every((s) => s.message_id)).toBe(true);
    expect(await pendingStep(runId)).toBeNull();
  });

  it('reads the schedule in a workspace west of the server (America/New_York): Friday 16:00 + 2 h waits for Monday 09:00 there', async () => {
    await db.query(`update workspaces set time_zone = 'America/New_York' where id = $1`, [fx.workspaceId]);
    try {
      const chat = 8102;
      const conv = await conversationFor(chat);
      const chainId = await onlyChain({ name: 'Нью-Йорк', schedule: workdays('09:00', '17:00'), steps: [step(2, 'Часы', 'Напомни')] });
      const fri = nextFriday();
      const runId = await startAt(conv, chainId, on(fri, 0, '21:00:00')); // 16:00 EST
      const monday0900 = on(fri, 3, '14:00:00'); // 09:00 EST
      expect((await pendingStep(runId))?.due_at).toEqual(monday0900);
      await at(on(fri, 3, '04:00:00')); // Monday 09:00 in Almaty or UTC would be wrong here
      expect(followups(chat)).toEqual([]);
      await at(monday0900);
      expect(followups(chat)).toEqual(['Follow-up: Напомни']);
      expect(await runOf(runId)).toMatchObject({ status: 'completed' });
    } finally {
      await db.query(`update workspaces set time_zone = 'Asia/Almaty' where id = $1`, [fx.workspaceId]);
    }
  });
});

describe('what stops a run', () => {
  const threeHourly = () => ({ name: `Стоп ${Math.random().toString(36).slice(2, 6)}`, steps: [1, 2, 3].map((h) => step(h, 'Часы', `Шаг ${h}`)) });

  it('a customer reply after step 1 (the real Telegram path) stops the rest; step 1 records the reply', async () => {
    const chat = 8201;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain(threeHourly());
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    await at(new Date(t0.getTime() + 3_600_000));
    expect(followups(chat)).toEqual(['Follow-up: Шаг 1']);

    await fx.deliver(textUpdate(chat, 'Спасибо, подумаю'));
    await fx.drain();
    expect(await runOf(runId)).toMatchObject({ status: 'stopped', stop_reason: 'customer_replied' });
    expect((await stepsOf(runId))[0].customer_replied_at).not.toBeNull();
    await at(new Date(t0.getTime() + 24 * 3_600_000));
    expect(followups(chat)).toEqual(['Follow-up: Шаг 1']);
    expect(fx.tg.sent[String(chat)].at(-1)).toBe('Ответ агента'); // the agent answered the customer instead
  });

  it('a customer reply that arrives while the follow-up is being written: nothing is sent, the run stops', async () => {
    const chat = 8202;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain(threeHourly());
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    const [{ used: before }] = await db.query<{ used: number }>(`select ai_responses_used as used from workspaces where id = $1`, [fx.workspaceId]);
    duringFollowup.set('Шаг 1', () => customerWrites(chat, 'Я уже купил в другом месте'));
    fx.clock.set(new Date(t0.getTime() + 3_600_000));
    await runStep(fx.workspaceId, { runId, stepIndex: 0, dueAt: fx.clock.now(), now: fx.clock.now() });
    expect(followups(chat)).toEqual([]);
    expect(await runOf(runId)).toMatchObject({ status: 'stopped', stop_reason: 'customer_replied' });
    expect((await stepsOf(runId))[0]).toMatchObject({ status: 'stopped', message_id: null });
    const stored = await db.query(`select id from messages where conversation_id = $1 and content like 'Follow-up:%'`, [conv]);
    expect(stored).toEqual([]);
    // The discarded follow-up's AI response was given back.
    const [{ used: after }] = await db.query<{ used: number }>(`select ai_responses_used as used from workspaces where id = $1`, [fx.workspaceId]);
    expect(after).toBe(before);
  });

  it('a reply after the step’s first message but before its second: the first counts as sent and answered, the second is not sent', async () => {
    const chat = 8207;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({ name: 'Два сообщения', steps: [step(1, 'Часы', 'Первое', 'Второе')] });
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    duringFollowup.set('Второе', () => customerWrites(chat, 'Не пишите мне больше'));
    fx.clock.set(new Date(t0.getTime() + 3_600_000));
    expect(await runStep(fx.workspaceId, { runId, stepIndex: 0, dueAt: fx.clock.now(), now: fx.clock.now() })).toEqual({ result: 'stopped', reason: 'customer_replied' });
    await fx.drain();
    expect(followups(chat)).toEqual(['Follow-up: Первое']);
    const [s] = await stepsOf(runId);
    expect(s.status).toBe('sent');
    expect(s.customer_replied_at).not.toBeNull();
    expect(s.actions.map((a) => a.result)).toEqual(['done']);
  });

  it('a human takeover (also one during generation) stops it; nothing is sent', async () => {
    const chat = 8203;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain(threeHourly());
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    duringFollowup.set('Шаг 1', async () => {
      const res = await api('POST', `/api/conversations/${conv}/takeover`, { token: fx.owner.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });
    await at(new Date(t0.getTime() + 3_600_000));
    expect(followups(chat)).toEqual([]);
    expect(await runOf(runId)).toMatchObject({ status: 'stopped', stop_reason: 'human_took_over' });
    expect((await stepsOf(runId))[0].status).toBe('stopped');
    await at(new Date(t0.getTime() + 24 * 3_600_000));
    expect(followups(chat)).toEqual([]);
  });

  it('the deal moved to a won stage stops it', async () => {
    const chat = 8204;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain(threeHourly());
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    await at(new Date(t0.getTime() + 3_600_000));
    expect(followups(chat)).toHaveLength(1);
    const version = (await api('GET', `/api/conversations/${conv}`, { token: fx.owner.token })).body.conversation.version;
    const res = await api('PATCH', `/api/conversations/${conv}`, { token: fx.owner.token, body: { stage_id: fx.stages.delivered, version } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await runOf(runId)).toMatchObject({ status: 'stopped', stop_reason: 'deal_won' });
    await at(new Date(t0.getTime() + 24 * 3_600_000));
    expect(followups(chat)).toHaveLength(1);
  });

  it('the AI quota used up: when the runtime finds it so, the workspace’s running runs stop (quota_exhausted); a step that finds it so stops its run', async () => {
    const chainId = await onlyChain(threeHourly());
    const t0 = fx.clock.sync();
    const runA = await startAt(await conversationFor(8205), chainId, t0);
    await db.query(`update workspaces set ai_responses_used = ai_responses_limit where id = $1`, [fx.workspaceId]);
    try {
      // Another customer writes; the agent's turn finds the quota used up.
      await fx.deliver(textUpdate(8208, 'Есть кто-нибудь?'));
      await fx.drain();
      expect(fx.tg.sent['8208'] ?? []).toEqual([]);
      expect(await runOf(runA)).toMatchObject({ status: 'stopped', stop_reason: 'quota_exhausted' });
      expect(await pendingStep(runA)).toBeNull();

      const runB = await startAt(await conversationFor(8206), chainId, fx.clock.sync());
      await at(new Date(fx.clock.now().getTime() + 3_600_000));
      expect(followups(8206)).toEqual([]);
      expect(await runOf(runB)).toMatchObject({ status: 'stopped', stop_reason: 'quota_exhausted' });
      expect((await stepsOf(runB))[0]).toMatchObject({ status: 'stopped', message_id: null });
    } finally {
      await db.query(`update workspaces set ai_responses_used = 0 where id = $1`, [fx.workspaceId]);
    }
  });
});

describe('limits, edits and crashes', () => {
  it('run_limit: a chain with run_limit 1 runs on one conversation only', async () => {
    const chainId = await onlyChain({ name: 'Один раз', run_limit: 1, steps: [step(1, 'Часы', 'Один')] });
    const first = await conversationFor(8301);
    const second = await conversationFor(8302);
    await startAt(first, chainId, fx.clock.sync());
    const { started, skipped } = await startChains(fx.workspaceId, second);
    expect(started).toEqual([]);
    expect(skipped).toEqual([{ chainId, reason: 'run_limit_reached' }]);
  });

  it('an edit mid-run: the run keeps its version and the steps it started with', async () => {
    const chat = 8303;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({ name: 'Правка', steps: [step(1, 'Часы', 'Старый шаг 1'), step(1, 'Часы', 'Старый шаг 2')] });
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    await at(new Date(t0.getTime() + 3_600_000));
    const res = await api('PATCH', `/api/agents/${fx.agentId}/chains/${chainId}`, {
      token: fx.owner.token,
      body: { steps: [step(5, 'Минуты', 'Новый шаг 1'), step(5, 'Минуты', 'Новый шаг 2'), step(5, 'Минуты', 'Новый шаг 3')] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [{ version }] = await db.query<{ version: number }>(`select version from chains where id = $1`, [chainId]);
    expect(version).toBe(2);
    await at(new Date(t0.getTime() + 2 * 3_600_000));
    expect(followups(chat)).toEqual(['Follow-up: Старый шаг 1', 'Follow-up: Старый шаг 2']);
    expect(await runOf(runId)).toMatchObject({ status: 'completed', chain_version: 1, current_step: 2 });
  });

  it('a crash between claiming and sending: the step runs again once its lease expires, and the customer gets exactly one message', async () => {
    const chat = 8304;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({ name: 'Сбой', steps: [step(1, 'Часы', 'Ровно один раз'), step(1, 'Дни', 'Потом')] });
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    const due = new Date(t0.getTime() + 3_600_000);
    fx.clock.set(due);
    // A runner claims the step and dies before doing anything.
    const claimed = await claimDueWork(due, 20);
    expect(claimed.map((c) => c.subject)).toContain(`chain_run:${runId}`);
    await at(new Date(due.getTime() + 60_000)); // the lease still holds: nobody else runs it
    expect(followups(chat)).toEqual([]);
    await at(new Date(due.getTime() + LEASE_MS + 1000));
    expect(followups(chat)).toEqual(['Follow-up: Ровно один раз']);
    // The same step delivered twice more (a duplicated claim / event): nothing happens.
    const again = await runStep(fx.workspaceId, { runId, stepIndex: 0, dueAt: due, now: fx.clock.now() });
    expect(again).toEqual({ result: 'noop', why: 'step_done' });
    await fx.drain();
    expect(followups(chat)).toEqual(['Follow-up: Ровно один раз']);
    expect(await db.query(`select id from messages where conversation_id = $1 and content like 'Follow-up:%'`, [conv])).toHaveLength(1);
    expect((await runOf(runId)).current_step).toBe(1);
  });

  it('the model keeps failing: the step is retried with backoff, then recorded as failed, and the run goes on', async () => {
    const chat = 8306;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({ name: 'Отказ модели', steps: [step(1, 'Часы', 'Не выйдет'), step(1, 'Часы', 'Выйдет')] });
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    fx.ai.failNext(503, 100, { retryAfterMs: 1 });
    let t = t0.getTime() + 3_600_000;
    for (let attempt = 1; attempt <= 5; attempt++) {
      await at(new Date(t));
      const [item] = await db.query<{ state: string; attempts: number; due_at: Date }>(
        `select state, attempts, due_at from due_work where subject = $1 and payload ->> 'step_index' is null`,
        [`chain_run:${runId}`],
      );
      expect(item.attempts).toBe(attempt);
      if (attempt < 5) t = new Date(item.due_at).getTime();
    }
    fx.ai.reset();
    fx.ai.setChatScript(modelScript);
    const [s] = await stepsOf(runId);
    expect(s).toMatchObject({ status: 'failed', message_id: null });
    expect(s.actions).toEqual([{ type: 'generate_message', result: 'failed', reason: 'provider_unavailable' }]);
    expect(await runOf(runId)).toMatchObject({ status: 'running', current_step: 1 });
    await at(new Date(t + 3_600_000));
    expect(followups(chat)).toEqual(['Follow-up: Выйдет']);
  });

  it('a missed window (the app was down for days) runs the step once when it comes back', async () => {
    const chat = 8305;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({ name: 'Простой', steps: [step(10, 'Минуты', 'После простоя'), step(1, 'Дни', 'Завтра')] });
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    const back = new Date(t0.getTime() + 3 * 86_400_000);
    await at(back);
    expect(followups(chat)).toEqual(['Follow-up: После простоя']);
    const rows = await db.query<{ state: string }>(`select state from due_work where subject = $1 order by created_at`, [`chain_run:${runId}`]);
    expect(rows.map((r) => r.state)).toEqual(['done', 'pending']);
    // The next step counts from when this one went out, not from the missed time.
    expect((await pendingStep(runId))?.due_at).toEqual(new Date(back.getTime() + 86_400_000));
  });
});

describe('actions of a step', () => {
  it('check_before_send: the follow-up waits as a draft (step drafted), nothing reaches Telegram', async () => {
    const chat = 8401;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({ name: 'Черновик', steps: [step(1, 'Часы', 'На проверку')] });
    await db.query(`update agents set check_before_send = true where id = $1`, [fx.agentId]);
    try {
      const t0 = fx.clock.sync();
      const runId = await startAt(conv, chainId, t0);
      await at(new Date(t0.getTime() + 3_600_000));
      expect(followups(chat)).toEqual([]);
      const [s] = await stepsOf(runId);
      expect(s.status).toBe('drafted');
      const [m] = await db.query<{ status: string; content: string }>(`select status, content from messages where id = $1`, [s.message_id]);
      expect(m).toEqual({ status: 'draft', content: 'Follow-up: На проверку' });
    } finally {
      await db.query(`update agents set check_before_send = false where id = $1`, [fx.agentId]);
    }
  });

  it('update_field through the agent’s allow-list (as written, or read by the model) and create_task in the CRM; knowledge-base-only skips the message', async () => {
    const chat = 8402;
    const conv = await conversationFor(chat);
    const chainId = await onlyChain({
      name: 'Действия',
      steps: [
        {
          delay_value: 1,
          delay_unit: 'Часы',
          actions: [
            { action_type: 'update_field', instruction: 'deal.budget = 45000' },
            { action_type: 'update_field', instruction: 'deal.urgency = high' }, // no update rule names it
            { action_type: 'update_field', instruction: 'Запиши, что клиент из Алматы' },
            { action_type: 'create_task', instruction: 'Позвонить клиенту после напоминаний' },
          ],
        },
        step(1, 'Часы', 'Без модели не напишешь'),
      ],
    });
    const t0 = fx.clock.sync();
    const runId = await startAt(conv, chainId, t0);
    await at(new Date(t0.getTime() + 3_600_000));
    const [s] = await stepsOf(runId);
    expect(s.actions.map((a) => [a.type, a.result, a.reason ?? a.field ?? null])).toEqual([
      ['update_field', 'done', 'deal.budget'],
      ['update_field', 'skipped', 'field_not_allowed'],
      ['update_field', 'done', 'contact.city'],
      ['create_task', 'done', null],
    ]);
    expect(s.status).toBe('sent');
    const deal = await api('GET', `/api/conversations/${conv}`, { token: fx.owner.token });
    expect(JSON.stringify(deal.body)).toContain('45000');
    const [client] = await db.query<{ city: string }>(`select c.city from clients c join conversations v on v.client_id = c.id where v.id = $1`, [conv]);
    expect(client.city).toBe('Алматы');
    const [task] = await db.query<{ text: string; conversation_id: string }>(`select text, conversation_id from tasks where id = $1`, [s.actions[3].task_id]);
    expect(task).toEqual({ text: 'Позвонить клиенту после напоминаний', conversation_id: conv });

    await db.query(`update agents set kb_only = true where id = $1`, [fx.agentId]);
    try {
      await at(new Date(t0.getTime() + 2 * 3_600_000));
      const [, second] = await stepsOf(runId);
      expect(second).toMatchObject({ status: 'skipped', message_id: null });
      expect(second.actions).toEqual([{ type: 'generate_message', result: 'skipped', reason: 'kb_only' }]);
      expect(followups(chat)).toEqual([]);
      expect(await runOf(runId)).toMatchObject({ status: 'completed' });
    } finally {
      await db.query(`update agents set kb_only = false where id = $1`, [fx.agentId]);
    }
  });
});
