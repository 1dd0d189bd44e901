// The agent's tools (issue 8): built per agent and turn from its rules, re-checked by the policy
// before anything is written, each change a timeline event with source `agent`, listed on the
// turn's trace. One workspace for the file (tests/integration/runtime-fixtures.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { loadTurnConfig, loadTurnConversation } from '@/lib/runtime/load-turn-config';
import { buildTools } from '@/lib/runtime/tools/build-tools';
import { executeToolCall } from '@/lib/runtime/tools/execute-tool-call';
import type { AgentTurnConfig, TurnState, TurnTrace } from '@/lib/runtime/types';
import { listClients } from '@/lib/crm/clients/list-clients';
import { conversationEvents, newTurnConversation, runtimeFixture, type RuntimeFixture } from './runtime-fixtures';

let db: Database;
let fx: RuntimeFixture;
let config: AgentTurnConfig;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await runtimeFixture(db);
  config = await loadTurnConfig(fx.actor, fx.agentId);
});
afterAll(async () => {
  await teardownTestDatabase();
});

const emptyTrace = (): TurnTrace => ({
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

/** A turn's state on a fresh conversation (each test its own deal, same workspace). */
async function turn(opts: { stageCode?: string; context?: Record<string, unknown>; clientId?: string } = {}): Promise<TurnState> {
  const id = await newTurnConversation(fx, opts);
  return { workspaceId: fx.workspaceId, actor: fx.actor, config, conversation: await loadTurnConversation(fx.actor, id), trace: emptyTrace(), now: new Date() };
}

const call = async (state: TurnState, name: string, args: unknown) => JSON.parse((await executeToolCall(state, { name, arguments: args })).output);
const deal = async (id: string) => (await db.query<any>(`select * from conversations where id = $1`, [id]))[0];
const client = async (id: string) => (await db.query<any>(`select * from clients where id = $1`, [id]))[0];
async function newClient(name: string, phone: string | null = null): Promise<string> {
  const [row] = await db.query<{ id: string }>(`insert into clients (workspace_id, name, phone) values ($1, $2, $3) returning id`, [fx.workspaceId, name, phone]);
  return row.id;
}

describe('loadTurnConfig', () => {
  it('reads the agent, its active pipelines with stage names, rules with field types, scope and items as the agent runtime', async () => {
    expect(config.agent).toMatchObject({ id: fx.agentId, model: 'gpt-4o-mini', kbOnly: false, isActive: true });
    // The inactive "Поддержка" row is not the agent's.
    expect(config.pipelines).toHaveLength(1);
    expect(config.pipelines[0]).toMatchObject({ pipelineId: fx.pipelineId, allStages: false, stageIds: fx.agentStageCodes.map((c) => fx.stages[c]) });
    expect(config.pipelines[0].stages!.map((s) => s.code)).toEqual(fx.agentStageCodes);
    expect(config.updateRules.map((r) => [r.entityType, r.fieldCode, r.overwrite, r.field?.type])).toEqual([
      ['deal', 'budget', false, 'money'],
      ['deal', 'title', true, 'text'],
      ['contact', 'email', true, 'email'],
      ['contact', 'city', false, 'text'],
    ]);
    expect(config.crmAccess.dealFields).toContain('budget');
    expect(config.knowledge).toMatchObject({ allCategories: true, createTaskIfNoAnswer: true });
    expect(config.companyKnowledge).toEqual([{ title: 'Адрес', content: 'ул. Абая 17, Алматы' }]);
    expect(config.scripts).toHaveLength(1);
    expect(config.objections).toHaveLength(1);
    const conversation = await loadTurnConversation(fx.actor, fx.conversationId);
    expect(conversation).toMatchObject({ id: fx.conversationId, clientId: fx.clientId, stageId: fx.stages.new, status: 'active', context: {} });
  });
});

describe('buildTools', () => {
  it('offers update_field only for the rules\' fields and change_stage only for the agent\'s stages', async () => {
    const state = await turn();
    const tools = buildTools(state);
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['add_fact', 'change_stage', 'create_task', 'lookup_price', 'register_lead', 'request_human', 'update_context', 'update_field'].sort(),
    );
    const update = tools.find((t) => t.name === 'update_field')!;
    const props = (update.parameters as any).properties;
    expect(props.field.enum.sort()).toEqual(['budget', 'city', 'email', 'title']);
    expect(update.description).toContain('Клиент назвал бюджет');
    expect(update.description).toMatch(/deal\.budget[^\n]*filled value is kept/);
    expect(update.description).toMatch(/contact\.email[^\n]*may replace/);
    const stage = tools.find((t) => t.name === 'change_stage')!;
    expect((stage.parameters as any).properties.stage_id.enum).toEqual(fx.agentStageCodes.map((c) => fx.stages[c]));
    expect(stage.description).toContain('Озвучена цена');
    // An agent without rules and pipelines gets neither tool.
    const bare = buildTools({ ...state, config: { ...config, updateRules: [], pipelines: [] } });
    expect(bare.map((t) => t.name)).not.toContain('update_field');
    expect(bare.map((t) => t.name)).not.toContain('change_stage');
  });
});

describe('update_field', () => {
  it('writes an empty field, keeps a filled one when overwrite is off, replaces it when on; events and trace carry old and new', async () => {
    const state = await turn();
    expect(await call(state, 'update_field', { entity: 'deal', field: 'budget', value: '50 000' })).toMatchObject({ ok: true });
    expect((await deal(state.conversation.id)).custom_fields.budget).toBe(50000);
    // Overwrite off: the second value is not written.
    expect(await call(state, 'update_field', { entity: 'deal', field: 'budget', value: 0 })).toMatchObject({ skipped: 'filled' });
    expect((await deal(state.conversation.id)).custom_fields.budget).toBe(50000);
    // Overwrite on (title).
    await call(state, 'update_field', { entity: 'deal', field: 'title', value: 'iPhone 13 — экран' });
    await call(state, 'update_field', { entity: 'deal', field: 'title', value: 'iPhone 13 Pro — экран' });
    expect((await deal(state.conversation.id)).title).toBe('iPhone 13 Pro — экран');
    // Contact fields land on the client of the conversation.
    const clientId = await newClient('Контакт для email');
    const other = await turn({ clientId });
    await call(other, 'update_field', { entity: 'contact', field: 'email', value: 'Aigerim@Mail.kz' });
    expect((await client(clientId)).email).toBe('aigerim@mail.kz');

    expect(state.trace.tools.map((t) => [t.name, t.status, t.reason ?? null])).toEqual([
      ['update_field', 'applied', null],
      ['update_field', 'skipped', 'filled'],
      ['update_field', 'applied', null],
      ['update_field', 'applied', null],
    ]);
    expect(state.trace.fields_changed).toEqual([
      { entity: 'deal', code: 'budget', old_value: null, new_value: 50000 },
      { entity: 'deal', code: 'title', old_value: null, new_value: 'iPhone 13 — экран' },
      { entity: 'deal', code: 'title', old_value: 'iPhone 13 — экран', new_value: 'iPhone 13 Pro — экран' },
    ]);
    const events = (await conversationEvents(db, state.conversation.id)).filter((e) => e.event_type === 'field_updated');
    expect(events.map((e) => [e.source, e.payload.field, e.payload.old_value, e.payload.new_value])).toEqual([
      ['agent', 'budget', null, 50000],
      ['agent', 'title', null, 'iPhone 13 — экран'],
      ['agent', 'title', 'iPhone 13 — экран', 'iPhone 13 Pro — экран'],
    ]);
    // The write went through the conversation's write path: its version moved on with each change.
    expect((await deal(state.conversation.id)).version).toBe(4);
  });

  it('a value of the wrong type fails without writing', async () => {
    const state = await turn();
    expect(await call(state, 'update_field', { entity: 'deal', field: 'budget', value: 'много' })).toMatchObject({ ok: false, error: 'expected_money' });
    expect(state.trace.tools[0]).toMatchObject({ status: 'failed', reason: 'expected_money' });
    expect((await deal(state.conversation.id)).custom_fields).toEqual({});
  });
});

describe('the policy', () => {
  it('refuses invented tools, fields outside the rules, stages outside the agent\'s pipelines, record ids and bad arguments, and records each', async () => {
    const state = await turn();
    const before = await deal(state.conversation.id);
    const refused: [string, unknown, string][] = [
      ['delete_deal', {}, 'unknown_tool'],
      ['update_field', { entity: 'deal', field: 'secret_note', value: 'x' }, 'field_not_allowed'],
      ['update_field', { entity: 'deal', field: 'price', value: 0 }, 'field_not_allowed'],
      ['update_field', { entity: 'contact', field: 'budget', value: 1 }, 'field_not_allowed'],
      ['change_stage', { stage_id: fx.stages.delivered }, 'stage_not_allowed'],
      ['change_stage', { stage_id: fx.otherStages.done }, 'stage_not_allowed'],
      ['update_field', { entity: 'deal', field: 'budget', value: 1, conversation_id: fx.conversationId }, 'foreign_record'],
      ['add_fact', { fact: 'x', client_id: fx.clientId }, 'foreign_record'],
      ['add_fact', { fact: 'x'.repeat(501) }, 'invalid_arguments'],
      ['create_task', { text: 42 }, 'invalid_arguments'],
      ['update_context', { intent: 'steal' }, 'invalid_arguments'],
      ['request_human', null, 'invalid_arguments'],
    ];
    for (const [name, args, reason] of refused) {
      const out = await call(state, name, args);
      expect(out, `${name} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: reason });
    }
    expect(state.trace.tools.map((t) => [t.name, t.status, t.reason])).toEqual(refused.map(([n, , r]) => [n, 'refused', r]));
    expect(state.trace.fields_changed).toEqual([]);
    const after = await deal(state.conversation.id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('active');
    const events = await conversationEvents(db, state.conversation.id);
    expect(events.filter((e) => e.event_type === 'tool_refused').map((e) => [e.source, e.payload.tool, e.payload.reason])).toEqual(
      refused.map(([n, , r]) => ['agent', n, r]),
    );
    expect(events.filter((e) => e.event_type !== 'tool_refused')).toEqual([]);
  });
});

describe('change_stage', () => {
  it('moves the deal to one of the agent\'s stages with a stage_changed event', async () => {
    const state = await turn();
    expect(await call(state, 'change_stage', { stage_id: fx.stages.quoted, reason: 'цена озвучена' })).toMatchObject({ ok: true });
    expect((await deal(state.conversation.id)).stage_id).toBe(fx.stages.quoted);
    expect(state.conversation.stageId).toBe(fx.stages.quoted);
    expect(state.trace.fields_changed).toEqual([{ entity: 'stage', code: 'stage_id', old_value: fx.stages.new, new_value: fx.stages.quoted }]);
    const [ev] = (await conversationEvents(db, state.conversation.id)).filter((e) => e.event_type === 'stage_changed');
    expect(ev).toMatchObject({ source: 'agent', payload: { old_stage: 'new', new_stage: 'quoted' } });
  });
});

describe('register_lead', () => {
  it('fills the client and the deal and notifies once; the same phone in another format updates the same lead', async () => {
    const clientId = await newClient('Test chat — Owner');
    const state = await turn({ clientId });
    const first = await call(state, 'register_lead', { name: 'Асель', phone: '8 (701) 555-12-34', object_type: 'iPhone 13', summary: 'Разбит экран' });
    expect(first).toMatchObject({ ok: true, lead: 'registered' });
    expect(await client(clientId)).toMatchObject({ name: 'Асель', phone: '+77015551234' });
    const d = await deal(state.conversation.id);
    expect(d.title).toBe('iPhone 13 — Асель');
    expect(d.description).toBe('Разбит экран');
    expect(d.context.lead).toMatchObject({ name: 'Асель', phone: '+77015551234' });

    const second = await call(state, 'register_lead', { name: 'Асель', phone: '+7 701 555 1234', city: 'Алматы', summary: 'Разбит экран, нужен сегодня' });
    expect(second).toMatchObject({ ok: true, lead: 'updated' });
    expect(await client(clientId)).toMatchObject({ name: 'Асель', phone: '+77015551234', city: 'Алматы' });
    expect((await deal(state.conversation.id)).description).toBe('Разбит экран, нужен сегодня');
    // One client with that phone: searchable by its digits.
    const found = await listClients(fx.actor, { search: 'Асель' });
    expect(found.data.map((c: { id: string }) => c.id)).toEqual([clientId]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from clients where workspace_id = $1 and phone = '+77015551234'`, [fx.workspaceId]);
    expect(n).toBe(1);

    const leads = (await conversationEvents(db, state.conversation.id)).filter((e) => e.event_type === 'lead_registered');
    expect(leads.map((e) => [e.source, e.payload.created, e.payload.phone])).toEqual([
      ['agent', true, '+77015551234'],
      ['agent', false, '+77015551234'],
    ]);
    const notes = await db.query<any>(`select type, data from notifications where workspace_id = $1 and type = 'new_lead'`, [fx.workspaceId]);
    expect(notes).toEqual([{ type: 'new_lead', data: { client_id: clientId, conversation_id: state.conversation.id, name: 'Асель', phone: '+77015551234' } }]);
  });

  it('an invalid phone fails and writes nothing', async () => {
    const state = await turn();
    expect(await call(state, 'register_lead', { name: 'Кто-то', phone: '12' })).toMatchObject({ ok: false, error: 'invalid_phone' });
    expect((await client(fx.clientId)).name).toBe('Айгерим');
  });
});

describe('add_fact, create_task, lookup_price', () => {
  it('adds a fact once, creates a task on the deal, quotes prices from the price list only', async () => {
    const state = await turn();
    await call(state, 'add_fact', { fact: 'Удобно звонить после 18:00' });
    expect(await call(state, 'add_fact', { fact: 'Удобно звонить после 18:00' })).toMatchObject({ skipped: 'known' });
    const facts = await db.query<any>(`select text, source, conversation_id from client_facts where client_id = $1`, [fx.clientId]);
    expect(facts).toEqual([{ text: 'Удобно звонить после 18:00', source: 'agent', conversation_id: state.conversation.id }]);

    const task = await call(state, 'create_task', { text: 'Перезвонить клиенту', due_in_hours: 2 });
    const [row] = await db.query<any>(`select text, conversation_id, source, due_at from tasks where id = $1`, [task.task_id]);
    expect(row).toMatchObject({ text: 'Перезвонить клиенту', conversation_id: state.conversation.id, source: 'agent' });
    expect(new Date(row.due_at).getTime() - state.now.getTime()).toBeGreaterThan(7_000_000);
    expect(state.trace.task_ids).toEqual([task.task_id]);

    const prices = await call(state, 'lookup_price', { device: 'iPhone 13 Pro' });
    expect(prices.items.map((i: any) => [i.service, i.price_from])).toEqual([
      ['Замена экрана', 25000],
      ['Замена батареи', 12000],
    ]);
    const none = await call(state, 'lookup_price', { device: 'Nokia 3310', category: 'Экран' });
    expect(none.items).toEqual([]);
    expect(none.note).toMatch(/do not name a price/);
    const types = (await conversationEvents(db, state.conversation.id)).map((e) => e.event_type);
    expect(types).toEqual(['fact_added', 'task_created']);
  });
});

describe('request_human', () => {
  it('pauses the dialog by the agent with the reason, notifies the team and writes human_requested', async () => {
    const state = await turn();
    expect(await call(state, 'request_human', { reason: 'Клиент хочет поговорить с человеком' })).toMatchObject({ ok: true, paused: true });
    expect(await deal(state.conversation.id)).toMatchObject({ status: 'paused', paused_by: 'agent', pause_reason: 'Клиент хочет поговорить с человеком' });
    expect(state.conversation.status).toBe('paused');
    const types = (await conversationEvents(db, state.conversation.id)).map((e) => e.event_type);
    expect(types).toEqual(['dialog_paused', 'human_requested']);
    const [note] = await db.query<any>(`select data from notifications where type = 'handover_requested' and data->>'conversation_id' = $1`, [state.conversation.id]);
    expect(note.data).toEqual({ conversation_id: state.conversation.id, reason: 'Клиент хочет поговорить с человеком' });
    expect(await call(state, 'request_human', { reason: 'ещё раз' })).toMatchObject({ skipped: 'already_paused' });
  });
});

describe('update_context', () => {
  it('merges the extracted keys into the dialog context and writes context_extracted with the changed keys', async () => {
    const state = await turn({ context: { intent: 'repair', device: { brand: 'Apple', model: 'iPhone 13' } } });
    await call(state, 'update_context', { device: { color: 'белый' }, issue: { category: 'экран', description: 'разбит' }, price_quoted: 25000, intent: 'repair' });
    const ctx = (await deal(state.conversation.id)).context;
    expect(ctx).toEqual({
      intent: 'repair',
      device: { brand: 'Apple', model: 'iPhone 13', color: 'белый' },
      issue: { category: 'экран', description: 'разбит' },
      price_quoted: 25000,
    });
    const [ev] = (await conversationEvents(db, state.conversation.id)).filter((e) => e.event_type === 'context_extracted');
    expect(ev.source).toBe('agent');
    expect(ev.payload.changed.sort()).toEqual(['device', 'issue', 'price_quoted']);
    expect(state.trace.context_extracted).toMatchObject({ price_quoted: 25000, device: { color: 'белый' } });
    // Nothing new: nothing written.
    expect(await call(state, 'update_context', { intent: 'repair' })).toMatchObject({ skipped: 'unchanged' });
  });
});
