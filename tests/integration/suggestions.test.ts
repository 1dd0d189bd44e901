// AI reply suggestions for operators (issue 9, seed 004) through the API, against the fake
// OpenAI server: a quick reply grounded in an article (the passage reaches the model inside an
// untrusted-data block), knowledge-base-only mode quoting the passage without a model call, a
// price from the price list, expiry, apply (an operator message queued; the context merged),
// dismiss with a reason, the quota (402, nothing stored), a provider outage (refunded) and
// isolation through the API and under row-level security. One workspace for the whole file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../fakes/openai-server';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { addMember, type TestUser } from './agents-fixtures';
import { createArticle, createWorkspace } from './kb-search-fixtures';
import { customerSays, newTurnConversation, runtimeFixture, type RuntimeFixture } from './runtime-fixtures';
import { resetEnvCache } from '@/lib/env';
import { forgetWorkspaceAiKeys } from '@/lib/ai/provider/provider-config';
import type { Database } from '@/lib/db/client';

let db: Database;
let fake: FakeOpenAI;
let fx: RuntimeFixture;
let B: TestUser;
const MODEL_REPLY = 'Замена экрана на iPhone 13 стоит от 25\u00a0000\u00a0₸, займёт около часа. Записать вас?';
const SCREEN_PASSAGE = 'Замена экрана на iPhone 13 стоит от 25 000 до 45 000 тенге и занимает около часа.';

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  forgetWorkspaceAiKeys();
}

function installScript() {
  fake.setChatScript((_body, headers) => ({ content: headers['x-agent-purpose'] === 'suggest' ? MODEL_REPLY : 'не то назначение' }));
}

const chatRequests = (): RecordedRequest[] => fake.requests.filter((r) => r.path === '/v1/chat/completions');
const q = <T = any>(text: string, params: unknown[] = []) => db.query<T>(text, params) as Promise<T[]>;
const owner = () => ({ token: fx.owner.token });
const base = (conv: string) => `/api/conversations/${conv}/suggestions`;
const used = async () => Number((await q(`select ai_responses_used from workspaces where id = $1`, [fx.workspaceId]))[0].ai_responses_used);
const events = (conv: string, type: string) =>
  q<{ source: string; payload: any; actor_user_id: string | null; message_id: string | null }>(
    `select source, payload, actor_user_id, message_id from crm_events where conversation_id = $1 and event_type = $2 order by created_at`,
    [conv, type],
  );

/** A live conversation whose customer asked something, and its suggestions generated. */
async function asked(text: string) {
  const conv = await newTurnConversation(fx, { channelType: 'telegram' });
  const messageId = await customerSays(fx, conv, text);
  const res = await api('POST', base(conv), owner());
  return { conv, messageId, res };
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test' });
  setEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url });
  db = await setupTestDatabase();
  await createWorkspace(db, 'kb fixtures actor');
  fx = await runtimeFixture(db);
  await createArticle(fx.workspaceId, {
    title: 'Замена экрана iPhone',
    content: `${SCREEN_PASSAGE} Оригинальные и совместимые дисплеи.`,
  });
  await createArticle(fx.workspaceId, {
    title: 'Гарантия на ремонт',
    content: 'На все работы даём гарантию 6 месяцев. Гарантия не распространяется на следы влаги.',
  });
  await q(`update workspaces set ai_responses_limit = 1000 where id = $1`, [fx.workspaceId]);
  B = await registerUser({ company_name: 'Чужая мастерская' });
  installScript();
});
afterAll(async () => {
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  await teardownTestDatabase();
  await fake.close();
});

describe('generate', () => {
  it('a quick reply from the agent’s model, grounded in the article (passage inside <untrusted_data>), and the price from the price list', async () => {
    const before = await used();
    fake.requests.length = 0;
    const { conv, messageId, res } = await asked('Здравствуйте! Сколько стоит замена экрана на iPhone 13?');
    expect(res.status).toBe(201);
    const quick = res.body.data.find((s: any) => s.type === 'quick_reply');
    const price = res.body.data.find((s: any) => s.type === 'price_suggestion');
    expect(quick).toMatchObject({ content: MODEL_REPLY, action: 'send_message', status: 'pending', message_id: messageId });
    expect(quick.confidence).toBeGreaterThanOrEqual(0.5);
    expect(quick.confidence).toBeLessThanOrEqual(0.95);

    const calls = chatRequests();
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['x-agent-purpose']).toBe('suggest');
    const body = calls[0].body as { model: string; messages: { role: string; content: string }[] };
    const system = body.messages[0].content;
    const block = system.match(/<untrusted_data source="knowledge_article"[^>]*>([\s\S]*?)<\/untrusted_data>/);
    expect(block?.[1]).toContain(SCREEN_PASSAGE);
    expect(system).toContain('Ты — вежливый менеджер'); // the agent's own instructions
    const last = body.messages.at(-1)!;
    expect(last).toMatchObject({ role: 'user' });
    expect(last.content).toMatch(/^<untrusted_data source="customer_message">[\s\S]*iPhone 13/);

    expect(price).toMatchObject({
      content: 'Замена экрана iPhone 13: 25\u00a0000–45\u00a0000\u00a0₸, ~60\u00a0мин',
      action: 'update_context',
      status: 'pending',
      payload: { context: { price: { service: 'Замена экрана', device: 'iPhone 13', from: 25000, to: 45000, currency: 'KZT' } } },
    });
    expect(await used()).toBe(before + 1);

    const generated = await events(conv, 'suggestion_generated');
    expect(generated.map((e) => e.payload.type).sort()).toEqual(['price_suggestion', 'quick_reply']);
    expect(generated.every((e) => e.source === 'agent' && e.actor_user_id === fx.owner.userId && e.message_id === messageId)).toBe(true);

    // The inbox hears of them live.
    const live = await q(`select payload from realtime_events where conversation_id = $1 and event_type = 'suggestion:new'`, [conv]);
    expect(live.map((e) => e.payload.suggestion_id).sort()).toEqual([quick.id, price.id].sort());

    const list = await api('GET', base(conv), owner());
    expect(list.status).toBe(200);
    expect(list.body.data.map((s: any) => s.id)).toEqual([quick.id, price.id]);
  });

  it('the device from the dialog’s context picks the price; an unrelated question gets no price', async () => {
    const conv = await newTurnConversation(fx, { channelType: 'telegram', context: { device: { brand: 'Samsung', model: 'Galaxy S21' } } });
    await customerSays(fx, conv, 'Экран разбился, сколько будет стоить?');
    const res = await api('POST', base(conv), owner());
    expect(res.body.data.find((s: any) => s.type === 'price_suggestion')).toMatchObject({
      content: 'Замена экрана Samsung Galaxy S21: 20\u00a0000\u00a0₸, ~90\u00a0мин',
      confidence: 0.9,
    });

    const { res: other } = await asked('Во сколько вы открываетесь в субботу?');
    expect(other.status).toBe(201);
    expect(other.body.data.map((s: any) => s.type)).toEqual(['quick_reply']);
  });

  it('new suggestions expire the older pending ones; a newer customer message expires them too', async () => {
    const { conv, res: first } = await asked('Сколько стоит замена батареи?');
    expect(first.body.data.map((s: any) => s.type).sort()).toEqual(['price_suggestion', 'quick_reply']);
    const second = await api('POST', base(conv), owner());
    expect(second.status).toBe(201);
    const list = (await api('GET', base(conv), owner())).body.data as any[];
    expect(list).toHaveLength(4);
    // Pending first.
    expect(list.slice(0, 2).map((s) => s.status)).toEqual(['pending', 'pending']);
    expect(list.slice(0, 2).map((s) => s.id).sort()).toEqual(second.body.data.map((s: any) => s.id).sort());
    expect(list.slice(2).map((s) => s.status)).toEqual(['expired', 'expired']);

    await customerSays(fx, conv, 'И ещё вопрос про гарантию');
    const after = (await api('GET', base(conv), owner())).body.data as any[];
    expect(after.every((s) => s.status === 'expired')).toBe(true);
    const apply = await api('POST', `${base(conv)}/${second.body.data[0].id}/apply`, owner());
    expect(apply.status).toBe(409);
    expect(apply.body.error.code).toBe('not_pending');
  });

  it('knowledge-base-only (no provider configured): the best passage quoted, no model call', async () => {
    setEnv({ OPENAI_API_KEY: undefined });
    try {
      fake.requests.length = 0;
      const { res } = await asked('Какая у вас гарантия на ремонт?');
      expect(res.status).toBe(201);
      const quick = res.body.data.find((s: any) => s.type === 'quick_reply');
      expect(quick.content).toMatch(/^По статье «Гарантия на ремонт»: На все работы даём гарантию 6 месяцев\./);
      expect(quick.payload).toMatchObject({ mode: 'kb_only' });
      expect(quick.confidence).toBeGreaterThanOrEqual(0.5);
      expect(chatRequests()).toHaveLength(0);
    } finally {
      setEnv({ OPENAI_API_KEY: 'sk-test' });
    }
  });

  it('409 nothing_to_answer when no customer message waits; 404 for an unknown dialog', async () => {
    const conv = await newTurnConversation(fx, { channelType: 'telegram' });
    await customerSays(fx, conv, 'Спасибо!');
    await q(`insert into messages (workspace_id, conversation_id, role, direction, content, status) values ($1, $2, 'operator', 'outbound', 'Пожалуйста!', 'sent')`, [fx.workspaceId, conv]);
    const res = await api('POST', base(conv), owner());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('nothing_to_answer');
    const none = await api('POST', base('00000000-0000-4000-8000-000000000000'), owner());
    expect(none.status).toBe(404);
  });

  it('quota used up: 402 quota_exceeded, nothing stored, the model never called', async () => {
    const conv = await newTurnConversation(fx, { channelType: 'telegram' });
    await customerSays(fx, conv, 'Сколько стоит замена экрана на iPhone 12?');
    const [{ ai_responses_limit: limit }] = await q(`select ai_responses_limit from workspaces where id = $1`, [fx.workspaceId]);
    const usedBefore = await used();
    await q(`update workspaces set ai_responses_used = ai_responses_limit, quota_notified_at = null where id = $1`, [fx.workspaceId]);
    try {
      fake.requests.length = 0;
      const res = await api('POST', base(conv), owner());
      expect(res.status).toBe(402);
      expect(res.body.error).toMatchObject({ code: 'quota_exceeded', details: { used: Number(limit), limit: Number(limit) } });
      expect(await q(`select id from ai_suggestions where conversation_id = $1`, [conv])).toEqual([]);
      expect(await events(conv, 'suggestion_generated')).toEqual([]);
      expect(chatRequests()).toHaveLength(0);
    } finally {
      await q(`update workspaces set ai_responses_used = $2 where id = $1`, [fx.workspaceId, usedBefore]);
    }
  });

  it('a provider outage: 502 provider_failed, the response given back, nothing stored', async () => {
    const conv = await newTurnConversation(fx, { channelType: 'telegram' });
    await customerSays(fx, conv, 'Сколько стоит замена экрана на iPhone 14?');
    const before = await used();
    fake.failNext(500, 50, { retryAfterMs: 1 });
    try {
      const res = await api('POST', base(conv), owner());
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('provider_failed');
    } finally {
      fake.reset();
      installScript();
    }
    expect(await used()).toBe(before);
    expect(await q(`select id from ai_suggestions where conversation_id = $1`, [conv])).toEqual([]);
  });
});

describe('apply and dismiss', () => {
  it('apply send_message: the operator’s reply is queued for the channel, the suggestion applied, event and audit written', async () => {
    const { conv, res } = await asked('Сколько стоит замена экрана на iPhone 15?');
    const quick = res.body.data.find((s: any) => s.type === 'quick_reply');
    const applied = await api('POST', `${base(conv)}/${quick.id}/apply`, owner());
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, result: { message_sent: true } });
    const messageId = applied.body.result.message_id;
    const [msg] = await q(`select role, direction, status, content, sender_user_id from messages where id = $1`, [messageId]);
    expect(msg).toMatchObject({ role: 'operator', direction: 'outbound', status: 'queued', content: MODEL_REPLY, sender_user_id: fx.owner.userId });
    const [row] = await q(`select status, decided_by, result_message_id from ai_suggestions where id = $1`, [quick.id]);
    expect(row).toMatchObject({ status: 'applied', decided_by: fx.owner.userId, result_message_id: messageId });
    const [ev] = await events(conv, 'suggestion_applied');
    expect(ev.payload).toMatchObject({ suggestion_id: quick.id, type: 'quick_reply', message_id: messageId });
    const audit = await q(`select user_id from audit_log where action = 'apply_suggestion' and entity_id = $1`, [quick.id]);
    expect(audit).toEqual([{ user_id: fx.owner.userId }]);

    const again = await api('POST', `${base(conv)}/${quick.id}/apply`, owner());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_pending');
    expect(await q(`select id from messages where conversation_id = $1 and role = 'operator'`, [conv])).toHaveLength(1);
  });

  it('apply update_context: the price goes into the dialog’s context', async () => {
    const { conv, res } = await asked('Сколько стоит замена экрана на iPhone 11?');
    const price = res.body.data.find((s: any) => s.type === 'price_suggestion');
    const applied = await api('POST', `${base(conv)}/${price.id}/apply`, owner());
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, result: { message_sent: false, message_id: null, context_updated: true } });
    const [c] = await q(`select context from conversations where id = $1`, [conv]);
    expect(c.context.price).toMatchObject({ service: 'Замена экрана', device: 'iPhone 11', from: 25000, to: 45000, currency: 'KZT' });
    expect(await q(`select id from messages where conversation_id = $1 and role = 'operator'`, [conv])).toEqual([]);
    expect((await events(conv, 'suggestion_applied'))[0].payload).toMatchObject({ suggestion_id: price.id, action: 'update_context' });
  });

  it('dismiss records the reason (≤ 500 characters); a viewer may list but not decide', async () => {
    const { conv, res } = await asked('Сколько стоит замена экрана на iPhone 16?');
    const [s, other] = res.body.data;
    const long = await api('POST', `${base(conv)}/${s.id}/dismiss`, { ...owner(), body: { reason: 'x'.repeat(501) } });
    expect(long.status).toBeGreaterThanOrEqual(400);
    expect(long.status).toBeLessThan(500);
    expect(long.body.error.details.fields.map((f: any) => f.field)).toEqual(['reason']);

    const viewer = await addMember(db, fx.owner, 'viewer');
    expect((await api('GET', base(conv), { token: viewer.token, headers: viewer.headers })).status).toBe(200);
    const refused = await api('POST', `${base(conv)}/${s.id}/dismiss`, { token: viewer.token, headers: viewer.headers, body: {} });
    expect(refused.status).toBe(403);
    expect((await api('POST', base(conv), { token: viewer.token, headers: viewer.headers })).status).toBe(403);

    const ok = await api('POST', `${base(conv)}/${s.id}/dismiss`, { ...owner(), body: { reason: 'Клиент уже знает цену' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ dismissed: true, suggestion: { id: s.id, status: 'dismissed', dismiss_reason: 'Клиент уже знает цену' } });
    const [ev] = await events(conv, 'suggestion_dismissed');
    expect(ev.payload).toMatchObject({ suggestion_id: s.id, reason: 'Клиент уже знает цену' });
    // Without a body: no reason.
    const bare = await api('POST', `${base(conv)}/${other.id}/dismiss`, owner());
    expect(bare.status).toBe(200);
    expect(bare.body.suggestion.dismiss_reason).toBeNull();
  });
});

describe('isolation', () => {
  it('another workspace cannot list, generate, apply or dismiss A’s suggestions through the API', async () => {
    const { conv, res } = await asked('Сколько стоит замена экрана на iPhone 13 Pro?');
    const [s] = res.body.data;
    const asB = { token: B.token };
    expect((await api('GET', base(conv), asB)).status).toBe(404);
    expect((await api('POST', base(conv), asB)).status).toBe(404);
    expect((await api('POST', `${base(conv)}/${s.id}/apply`, asB)).status).toBe(404);
    expect((await api('POST', `${base(conv)}/${s.id}/dismiss`, { ...asB, body: { reason: 'чужое' } })).status).toBe(404);
    // B's own dialog with A's suggestion id: still not found.
    const [bClient] = await q<{ id: string }>(`insert into clients (workspace_id, name) values ($1, 'Клиент B') returning id`, [B.workspaceId]);
    const [bConv] = await q<{ id: string }>(`insert into conversations (workspace_id, client_id, channel_type) values ($1, $2, 'telegram') returning id`, [
      B.workspaceId,
      bClient.id,
    ]);
    expect((await api('POST', `${base(bConv.id)}/${s.id}/apply`, asB)).status).toBe(404);
    expect((await api('POST', `${base(bConv.id)}/${s.id}/dismiss`, { ...asB, body: {} })).status).toBe(404);
    const [row] = await q(`select status from ai_suggestions where id = $1`, [s.id]);
    expect(row.status).toBe('pending');
    expect(await q(`select id from messages where conversation_id = $1 and role = 'operator'`, [conv])).toEqual([]);
  });

  it('under row-level security B’s claims see none of A’s suggestions and change none', async () => {
    const claims = (u: { userId: string; workspaceId: string }) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });
    const mine = await asAuthenticated(db, claims(fx.owner), (sq) => sq(`select id from ai_suggestions where workspace_id = $1`, [fx.workspaceId]));
    expect(mine.length, 'positive control').toBeGreaterThan(0);
    expect(await asAuthenticated(db, claims(B), (sq) => sq(`select id from ai_suggestions`))).toEqual([]);
    const changed = await asAuthenticated(db, claims(B), (sq) =>
      sq(`update ai_suggestions set status = 'dismissed' where workspace_id = $1 returning id`, [fx.workspaceId]),
    );
    expect(changed).toEqual([]);
  });

  it('in their own workspace a member cannot forge what only the system writes (who decided, who holds, the 24-hour window)', async () => {
    const me = { sub: fx.owner.userId, role: 'authenticated', actor: 'user', workspace_id: fx.workspaceId };
    const [conv] = await q<{ id: string }>(`select id from conversations where workspace_id = $1 limit 1`, [fx.workspaceId]);
    const [sug] = await q<{ id: string }>(`select id from ai_suggestions where workspace_id = $1 limit 1`, [fx.workspaceId]);
    const run = (text: string, params: unknown[]) => asAuthenticated(db, me, (sq) => sq(text, params));
    const refused = [
      [`update conversations set last_inbound_at = now() where id = $1 returning id`, [conv.id]],
      [`update conversations set off_hours_notified_at = now() where id = $1 returning id`, [conv.id]],
      [`update conversations set needs_human_since = now() where id = $1 returning id`, [conv.id]],
      [`update conversations set paused_by_user_id = $2 where id = $1 returning id`, [conv.id, B.userId]],
      [`update ai_suggestions set decided_by = $2 where id = $1 returning id`, [sug.id, B.userId]],
    ] as const;
    for (const [text, params] of refused) await expect(run(text, [...params]), text).rejects.toThrow(/system only|member deciding/);
    // What an operator's own actions write goes through (positive controls).
    expect(await run(`update conversations set paused_by_user_id = $2, needs_human_since = null where id = $1 returning id`, [conv.id, fx.owner.userId])).toEqual([{ id: conv.id }]);
    expect(await run(`update ai_suggestions set decided_by = $2 where id = $1 returning id`, [sug.id, fx.owner.userId])).toEqual([{ id: sug.id }]);
  });
});
