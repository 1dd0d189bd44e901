// Triggers in a turn (issue 8): one judge call to the (fake) model decides which conditions
// hold; those run in order within their run_limit per conversation (claimed atomically), their
// actions in order; a trigger that sends a message ends the turn; stop_agent pauses the dialog.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { forgetWorkspaceAiKeys } from '@/lib/ai/provider/provider-config';
import { loadTurnConfig, loadTurnConversation } from '@/lib/runtime/load-turn-config';
import { claimTriggerRun, runTriggers } from '@/lib/runtime/triggers/run-triggers';
import type { AgentTurnConfig, TurnState, TurnTrace } from '@/lib/runtime/types';
import { conversationEvents, newTurnConversation, runtimeFixture, type RuntimeFixture } from './runtime-fixtures';

let db: Database;
let fx: RuntimeFixture;
let fake: FakeOpenAI;
let config: AgentTurnConfig;
const ids: Record<string, string> = {};

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  forgetWorkspaceAiKeys();
}

async function newTrigger(key: string, name: string, condition: string, runLimit: number, actions: [string, Record<string, unknown>][]) {
  const [t] = await db.query<{ id: string }>(
    `insert into triggers (workspace_id, agent_id, name, condition, run_limit, created_at) values ($1, $2, $3, $4, $5, now() + ($6 || ' seconds')::interval) returning id`,
    [fx.workspaceId, fx.agentId, name, condition, runLimit, String(Object.keys(ids).length)],
  );
  for (const [i, [type, cfg]] of actions.entries()) {
    await db.query(`insert into trigger_actions (workspace_id, trigger_id, action_type, action_config, order_index) values ($1, $2, $3, $4::jsonb, $5)`, [
      fx.workspaceId,
      t.id,
      type,
      JSON.stringify(cfg),
      i,
    ]);
  }
  ids[key] = t.id;
}

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await runtimeFixture(db);
  fake = await startFakeOpenAI({ apiKey: 'sk-triggers' });
  setEnv({ OPENAI_API_KEY: 'sk-triggers', OPENAI_BASE_URL: fake.url });
  await newTrigger('warranty', 'Гарантия', 'Клиент спрашивает про гарантию [WARRANTY]', 0, [
    ['update_field', { entity_type: 'deal', field_id: 'urgency', value: 'high' }],
    ['create_task', { title: 'Отправить условия гарантии', due_in_hours: 1 }],
    ['notify_manager', { message: 'Клиент спрашивает про гарантию' }],
  ]);
  await newTrigger('greet', 'Приветствие', 'Клиент поздоровался [GREET]', 1, [
    ['send_message', { message: 'Здравствуйте! Я помогу с ремонтом.' }],
    ['change_stage', { pipeline_id: fx.pipelineId, stage_id: fx.stages.qualifying }],
  ]);
  await newTrigger('later', 'После приветствия', 'Клиент назвал модель [LATER]', 0, [['notify_manager', { message: 'later' }]]);
  await newTrigger('angry', 'Жалоба', 'Клиент злится [ANGRY]', 0, [['stop_agent', { reason: 'Жалоба — нужен менеджер' }], ['stop_agent', {}]]);
  await db.query(`insert into triggers (workspace_id, agent_id, name, condition, is_active) values ($1, $2, 'Выключен', 'Никогда [OFF]', false)`, [fx.workspaceId, fx.agentId]);
  config = await loadTurnConfig(fx.actor, fx.agentId);
});
afterAll(async () => {
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  await fake.close();
  await teardownTestDatabase();
});
beforeEach(() => fake.reset());

/** The fake judge: fires the conditions carrying one of `markers` (answers only judge_triggers calls). */
function judgeFires(...markers: string[]) {
  fake.setChatScript((body, headers) => {
    if (headers['x-agent-purpose'] !== 'judge_triggers') return { content: 'not a judge call' };
    const prompt: string = body.messages.at(-1).content;
    const fired = [...prompt.matchAll(/^(t\d+): (.*)$/gm)].filter((m) => markers.some((k) => m[2].includes(`[${k}]`))).map((m) => m[1]);
    return { content: JSON.stringify({ fired }) };
  });
}

const trace = (): TurnTrace => ({
  mode: 'model',
  language: 'ru',
  queries: [],
  semantic: false,
  articles: [],
  triggers: [],
  tools: [],
  fields_changed: [],
  no_answer: false,
  task_ids: [],
  answered_message_ids: [],
  timings: { total_ms: 0, model_ms: 0, search_ms: 0 },
});

async function turn(over: Partial<AgentTurnConfig> = {}, conversationId?: string): Promise<TurnState> {
  const id = conversationId ?? (await newTurnConversation(fx));
  return { workspaceId: fx.workspaceId, actor: fx.actor, config: { ...config, ...over }, conversation: await loadTurnConversation(fx.actor, id), trace: trace(), now: new Date() };
}
const judgeCalls = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');

describe('runTriggers', () => {
  it('judges every active condition in one call and runs the triggers that hold in order; a sent message ends the turn', async () => {
    expect(config.triggers.map((t) => t.name)).toEqual(['Гарантия', 'Приветствие', 'После приветствия', 'Жалоба']);
    judgeFires('WARRANTY', 'GREET', 'LATER');
    const state = await turn();
    const result = await runTriggers(state, [
      { role: 'user', content: 'Здравствуйте! Какая у вас гарантия на экран?' },
    ]);
    expect(result).toEqual({ sentMessage: 'Здравствуйте! Я помогу с ремонтом.', paused: false });
    expect(judgeCalls()).toHaveLength(1);
    expect((judgeCalls()[0].body as any).messages.at(-1).content).toContain('Какая у вас гарантия');
    expect((judgeCalls()[0].body as any).response_format).toEqual({ type: 'json_object' });
    // "После приветствия" also held, but the greeting's message ended the turn.
    expect(state.trace.triggers).toEqual([
      { id: ids.warranty, name: 'Гарантия', actions: ['update_field', 'create_task', 'notify_manager'], sent_message: false },
      { id: ids.greet, name: 'Приветствие', actions: ['send_message', 'change_stage'], sent_message: true },
    ]);
    const d = (await db.query<any>(`select stage_id, custom_fields from conversations where id = $1`, [state.conversation.id]))[0];
    expect(d).toEqual({ stage_id: fx.stages.qualifying, custom_fields: { urgency: 'high' } });
    expect(state.trace.task_ids).toHaveLength(1);
    expect(state.trace.fields_changed).toEqual([
      { entity: 'deal', code: 'urgency', old_value: null, new_value: 'high' },
      { entity: 'stage', code: 'stage_id', old_value: fx.stages.new, new_value: fx.stages.qualifying },
    ]);
    const events = await conversationEvents(db, state.conversation.id);
    expect(events.map((e) => [e.event_type, e.source])).toEqual([
      ['field_updated', 'agent'],
      ['task_created', 'agent'],
      ['trigger_fired', 'agent'],
      ['stage_changed', 'agent'],
      ['trigger_fired', 'agent'],
    ]);
    expect(events.filter((e) => e.event_type === 'trigger_fired').map((e) => e.payload.name)).toEqual(['Гарантия', 'Приветствие']);
    const [note] = await db.query<any>(`select type, data from notifications where data->>'conversation_id' = $1`, [state.conversation.id]);
    expect(note).toMatchObject({ type: 'manager_notified', data: { trigger_id: ids.warranty, message: 'Клиент спрашивает про гарантию' } });
  });

  it('keeps run_limit per conversation', async () => {
    judgeFires('GREET');
    const first = await turn();
    expect((await runTriggers(first, 'Customer: Привет')).sentMessage).not.toBeNull();
    const again = await turn({}, first.conversation.id);
    expect(await runTriggers(again, 'Customer: Привет ещё раз')).toEqual({ sentMessage: null, paused: false });
    expect(again.trace.triggers).toEqual([]);
    // Another conversation has its own count.
    const other = await turn();
    expect((await runTriggers(other, 'Customer: Привет')).sentMessage).toBe('Здравствуйте! Я помогу с ремонтом.');
    const [{ runs_count }] = await db.query<{ runs_count: number }>(`select runs_count from trigger_runs where trigger_id = $1 and conversation_id = $2`, [
      ids.greet,
      first.conversation.id,
    ]);
    expect(runs_count).toBe(1);
  });

  it('claims runs atomically: turns at once never exceed the limit', async () => {
    const state = await turn();
    const once = await Promise.all([claimTriggerRun(state, { id: ids.greet, runLimit: 1 }), claimTriggerRun(state, { id: ids.greet, runLimit: 1 })]);
    expect(once.filter(Boolean)).toHaveLength(1);
    const twice = await Promise.all(Array.from({ length: 5 }, () => claimTriggerRun(state, { id: ids.warranty, runLimit: 2 })));
    expect(twice.filter(Boolean)).toHaveLength(2);
    const unlimited = await Promise.all(Array.from({ length: 3 }, () => claimTriggerRun(state, { id: ids.later, runLimit: 0 })));
    expect(unlimited.every(Boolean)).toBe(true);
  });

  it('stop_agent pauses the conversation by the agent', async () => {
    judgeFires('ANGRY');
    const state = await turn();
    expect(await runTriggers(state, 'Customer: Это безобразие!')).toEqual({ sentMessage: null, paused: true });
    const [d] = await db.query<any>(`select status, paused_by, pause_reason from conversations where id = $1`, [state.conversation.id]);
    expect(d).toEqual({ status: 'paused', paused_by: 'agent', pause_reason: 'Жалоба — нужен менеджер' });
    // A second pause finds the dialog paused already.
    expect(state.trace.tools.map((t) => [t.name, t.status])).toEqual([
      ['trigger:stop_agent', 'applied'],
      ['trigger:stop_agent', 'skipped'],
    ]);
    expect((await conversationEvents(db, state.conversation.id)).map((e) => e.event_type)).toEqual(['dialog_paused', 'trigger_fired']);
  });

  it('does not judge without a model (kb_only) nor when the judge fails; the trace says why', async () => {
    judgeFires('WARRANTY');
    const kbOnly = await turn({ agent: { ...config.agent, kbOnly: true } });
    expect(await runTriggers(kbOnly, 'Customer: гарантия?')).toEqual({ sentMessage: null, paused: false });
    expect(kbOnly.trace.triggers_skipped).toBe('kb_only');
    expect(judgeCalls()).toHaveLength(0);

    fake.failNext(401, 1, { code: 'invalid_api_key' });
    const failed = await turn();
    expect(await runTriggers(failed, 'Customer: гарантия?')).toEqual({ sentMessage: null, paused: false });
    expect(failed.trace.triggers_skipped).toBe('judge_failed');
    expect(await conversationEvents(db, failed.conversation.id)).toEqual([]);
  });
});
