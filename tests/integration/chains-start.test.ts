// Issue 10 "Behaviour" 1: when follow-up chains start, through the real paths. A customer's
// Telegram message answered by the agent starts the agent's chains (durable due work
// `chain.start`, run by the due-work runner at a moved clock); a deal moved into a stage on the
// card starts the chains of that stage; the test chat starts nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { startChains } from '@/lib/chains/start-chains';
import { dueRunner } from '@/lib/jobs/due-work/runner';
import { channelsFixture, conversationOfChat, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
let allChain: string;
let stageChain: string;

const step = (h: number) => ({ delay_value: h, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Напомни о себе' }] });
async function newChain(body: Record<string, unknown>): Promise<string> {
  const res = await api('POST', `/api/agents/${fx.agentId}/chains`, { token: fx.owner.token, body: { steps: [step(1)], ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.chain?.id ?? res.body.id) as string;
}
const runsOf = (conversationId: string) =>
  db.query<{ chain_id: string; status: string }>(`select chain_id, status from chain_runs where conversation_id = $1 order by created_at`, [conversationId]);
const startWork = (conversationId: string) =>
  db.query<{ state: string; payload: any }>(`select state, payload from due_work where kind = 'chain.start' and subject = $1 order by created_at`, [
    `conversation:${conversationId}`,
  ]);

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 0 });
  allChain = await newChain({ name: 'Дожим всех' });
  stageChain = await newChain({ name: 'Дожим квалификации', condition_type: 'specific', condition_stages: [fx.stages.qualifying] });
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

describe('after an agent turn', () => {
  it("the agent's answer to a customer schedules the start with the reply; the runner starts the matching chains", async () => {
    await fx.deliver(textUpdate(8101, 'Здравствуйте, сколько стоит замена экрана?'));
    await fx.drain();
    await fx.drain(); // the clock reaches the start scheduled during the first pass
    const conv = await conversationOfChat(db, fx.workspaceId, 8101);
    const agentMessages = await db.query(`select id from messages where conversation_id = $1 and role = 'agent'`, [conv.id]);
    expect(agentMessages.length, 'the agent answered').toBeGreaterThan(0);
    expect((await startWork(conv.id)).map((w) => [w.state, w.payload.cause])).toEqual([['done', 'agent_turn']]);
    const runs = await runsOf(conv.id);
    expect(runs.map((r) => r.chain_id)).toEqual([allChain]);
    expect(runs[0].status).toBe('running');
    expect(await db.query(`select id from due_work where kind = 'chain.step' and state = 'pending' and subject like 'chain_run:%' and payload->>'run_id' is not null and workspace_id = $1`, [fx.workspaceId])).toHaveLength(1);
  });
});

describe('whenever a conversation enters a stage', () => {
  it('moving the deal on the card schedules the start in the same transaction; the stage chain starts', async () => {
    await fx.deliver(textUpdate(8102, 'Добрый день, телефон не заряжается'));
    await fx.drain();
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, 8102);
    expect((await runsOf(conv.id)).map((r) => r.chain_id)).toEqual([allChain]);
    const version = (await api('GET', `/api/conversations/${conv.id}`, { token: fx.owner.token })).body.conversation.version;
    const res = await api('PATCH', `/api/conversations/${conv.id}`, { token: fx.owner.token, body: { stage_id: fx.stages.qualifying, version } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const pending = (await startWork(conv.id)).filter((w) => w.state === 'pending');
    expect(pending.map((w) => [w.payload.cause, w.payload.stage_id])).toEqual([['stage_entered', fx.stages.qualifying]]);
    await fx.drain();
    expect((await startWork(conv.id)).filter((w) => w.state === 'pending')).toEqual([]);
    expect((await runsOf(conv.id)).map((r) => r.chain_id).sort()).toEqual([allChain, stageChain].sort());
  });
});

describe('a stage entry with the in-process runner running', () => {
  it('the stage chain starts within seconds: the change wakes the runner once committed (not its 5-minute safety pass)', async () => {
    await fx.deliver(textUpdate(8190, 'Здравствуйте, разбит экран'));
    await fx.drain();
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, 8190);
    expect((await runsOf(conv.id)).map((r) => r.chain_id)).toEqual([allChain]);
    const runner = dueRunner();
    runner.start();
    try {
      await runner.settled(); // its first pass found nothing due
      const version = (await api('GET', `/api/conversations/${conv.id}`, { token: fx.owner.token })).body.conversation.version;
      const res = await api('PATCH', `/api/conversations/${conv.id}`, { token: fx.owner.token, body: { stage_id: fx.stages.qualifying, version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await expect.poll(async () => (await runsOf(conv.id)).map((r) => r.chain_id).sort(), { timeout: 10_000, interval: 100 }).toEqual([allChain, stageChain].sort());
    } finally {
      runner.stop();
      await runner.settled();
    }
  });
});

describe('test chat', () => {
  it('a test-chat conversation entering a stage never starts a chain', async () => {
    const [c] = await db.query<{ id: string }>(
      `insert into conversations (workspace_id, agent_id, client_id, channel_type, pipeline_id, stage_id)
       select c.workspace_id, $2, c.client_id, 'test', s.pipeline_id, s.id
         from conversations c, pipeline_stages s where c.workspace_id = $1 and s.id = $3 limit 1 returning id`,
      [fx.workspaceId, fx.agentId, fx.stages.qualifying],
    );
    await db.query(`update conversations set stage_id = $2 where id = $1`, [c.id, fx.stages.new]);
    expect(await startWork(c.id)).toEqual([]);
    // Positive control: the same move on a real conversation schedules a start.
    const real = await conversationOfChat(db, fx.workspaceId, 8101);
    await db.query(`update conversations set stage_id = $2 where id = $1`, [real.id, fx.stages.quoted]);
    expect((await startWork(real.id)).filter((w) => w.state === 'pending')).toHaveLength(1);
  });
});

describe('condition_exclude, judged by the model outside any transaction', () => {
  let excludeChain: string;
  const notStarted = (conversationId: string) =>
    db.query<{ payload: any }>(`select payload from crm_events where conversation_id = $1 and event_type = 'chain_not_started' order by created_at`, [conversationId]);
  beforeAll(async () => {
    excludeChain = await newChain({ name: 'Дожим с исключением', condition_exclude: 'Клиент уже купил в другом месте' });
    fx.ai.setChatScript(async (body, headers) => {
      const purpose = headers['x-agent-purpose'];
      const text = (body.messages as { content: string }[]).map((m) => m.content).join('\n');
      if (purpose === 'chain_exclude') {
        const conversation = text.slice(text.indexOf('<<<'));
        return { content: JSON.stringify(conversation.includes('купил') ? { exclude: true, reason: 'Купил у конкурента' } : { exclude: false, reason: 'Ещё выбирает' }) };
      }
      if (purpose === 'rewrite_query') return { content: JSON.stringify({ queries: [] }) };
      if (purpose && purpose !== 'reply') return { content: '{}' };
      return { content: 'Понял вас, спасибо!' };
    });
  });

  const conversationAfterTurn = async (chat: number, text: string) => {
    await fx.deliver(textUpdate(chat, text));
    await fx.drain();
    await fx.drain();
    return conversationOfChat(db, fx.workspaceId, chat);
  };

  it('a conversation matching the exclusion does not start the chain and says why on the timeline; another one starts it', async () => {
    const bought = await conversationAfterTurn(8103, 'Спасибо, я уже купил в другом месте');
    expect((await runsOf(bought.id)).map((r) => r.chain_id)).toEqual([allChain]);
    expect((await notStarted(bought.id)).map((e) => e.payload)).toEqual([
      { chain_id: excludeChain, chain_name: 'Дожим с исключением', reason: 'excluded', detail: 'Купил у конкурента' },
    ]);
    const judged = fx.ai.requests.filter((r) => r.headers['x-agent-purpose'] === 'chain_exclude');
    expect(judged.length).toBeGreaterThan(0);

    const choosing = await conversationAfterTurn(8104, 'Сколько стоит чехол?');
    expect((await runsOf(choosing.id)).map((r) => r.chain_id).sort()).toEqual([allChain, excludeChain].sort());
    expect(await notStarted(choosing.id)).toEqual([]);
  });

  it('knowledge-base-only: the exclusion cannot be judged, so the chain does not start (exclude_not_judged)', async () => {
    await db.query(`update agents set kb_only = true where id = $1`, [fx.agentId]);
    try {
      const before = fx.ai.requests.filter((r) => r.headers['x-agent-purpose'] === 'chain_exclude').length;
      const conv = await conversationAfterTurn(8105, 'Сколько стоит чехол?');
      expect((await runsOf(conv.id)).map((r) => r.chain_id)).toEqual([allChain]);
      expect((await notStarted(conv.id)).map((e) => e.payload)).toEqual([{ chain_id: excludeChain, chain_name: 'Дожим с исключением', reason: 'exclude_not_judged' }]);
      expect(fx.ai.requests.filter((r) => r.headers['x-agent-purpose'] === 'chain_exclude').length, 'no model call').toBe(before);
    } finally {
      await db.query(`update agents set kb_only = false where id = $1`, [fx.agentId]);
    }
  });
});

describe('the chain editor and the database keep the system columns', () => {
  const member = () => ({ sub: fx.owner.userId, role: 'authenticated', actor: 'user', workspace_id: fx.workspaceId });
  it('a member cannot write runs_count or jump version through SQL; editing name and active still works', async () => {
    const as = (text: string, params: unknown[]) => asAuthenticated(db, member(), (q) => q(text, params));
    await expect(as(`update chains set runs_count = 0 where id = $1`, [allChain])).rejects.toThrow(/written by the system/);
    await expect(as(`update chains set version = version + 5 where id = $1`, [allChain])).rejects.toThrow(/written by the system/);
    const [before] = await db.query<{ runs_count: number; version: number }>(`select runs_count, version from chains where id = $1`, [allChain]);
    expect(before.runs_count, 'runs were counted').toBeGreaterThan(0);
    expect(await as(`update chains set name = 'Дожим (правка)', is_active = true, version = version + 1 where id = $1 returning runs_count`, [allChain])).toEqual([
      { runs_count: before.runs_count },
    ]);
    // A member's new chain starts counting afresh whatever it says.
    expect(
      await as(`insert into chains (workspace_id, agent_id, name, runs_count, version) values ($1, $2, 'Подделка', 99, 7) returning runs_count, version`, [
        fx.workspaceId,
        fx.agentId,
      ]),
    ).toEqual([{ runs_count: 0, version: 1 }]);
  });

  it('a schedule with no enabled day is refused (schedule_needs_day, 400 naming the field) on create and edit', async () => {
    const closed = ['Понедельник', 'Вторник'].map((day) => ({ day, enabled: false, start: '09:00', end: '18:00' }));
    const created = await api('POST', `/api/agents/${fx.agentId}/chains`, { token: fx.owner.token, body: { name: 'Никогда', steps: [step(1)], schedule: closed } });
    expect(created.status).toBe(400);
    expect(created.body.error.details.fields).toEqual([expect.objectContaining({ field: 'schedule', code: 'schedule_needs_day' })]);
    const edited = await api('PATCH', `/api/agents/${fx.agentId}/chains/${allChain}`, { token: fx.owner.token, body: { schedule: closed } });
    expect(edited.status).toBe(400);
    expect(edited.body.error.details.fields).toEqual([expect.objectContaining({ field: 'schedule', code: 'schedule_needs_day' })]);
    const open = await api('PATCH', `/api/agents/${fx.agentId}/chains/${allChain}`, {
      token: fx.owner.token,
      body: { schedule: [{ ...closed[0], enabled: true }, closed[1]] },
    });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
  });
});

describe('run_limit under concurrency', () => {
  it('6 starts at once on 6 conversations of a chain limited to 2 runs make exactly 2 runs', async () => {
    const limited = await newChain({ name: 'Два раза', run_limit: 2, condition_type: 'specific', condition_stages: [fx.stages.quoted] });
    const convs = await db.query<{ id: string }>(
      `insert into conversations (workspace_id, agent_id, client_id, channel_type, pipeline_id, stage_id, last_message_at)
       select c.workspace_id, $2, c.client_id, 'manual', s.pipeline_id, s.id, now()
         from (select workspace_id, client_id from conversations where workspace_id = $1 and channel_type = 'telegram' limit 1) c,
              pipeline_stages s, generate_series(1, 6)
        where s.id = $3 returning id`,
      [fx.workspaceId, fx.agentId, fx.stages.quoted],
    );
    expect(convs).toHaveLength(6);
    const results = await Promise.all(convs.map((c) => startChains(fx.workspaceId, c.id)));
    const started = results.flatMap((r) => r.started.filter((s) => s.chainId === limited));
    const refused = results.flatMap((r) => r.skipped.filter((s) => s.chainId === limited));
    expect(started).toHaveLength(2);
    expect(refused.map((s) => s.reason)).toEqual(Array(4).fill('run_limit_reached'));
    expect(await db.query(`select runs_count from chains where id = $1`, [limited])).toEqual([{ runs_count: 2 }]);
    expect(await db.query(`select id from chain_runs where chain_id = $1`, [limited])).toHaveLength(2);
  });
});
