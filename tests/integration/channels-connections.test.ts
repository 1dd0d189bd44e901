// Connecting messenger channels (docs/channels-api.md "Integrations") against a fake Telegram
// Bot API on 127.0.0.1: the token is checked with getMe, sealed, the webhook registered with a
// secret and allowed_updates; the token never reaches a response, the audit log or a log
// line; only admins connect; another workspace neither sees nor changes the connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server';
import { addMember, disableRateLimits, type TestUser } from './agents-fixtures';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';

let db: Database;
let tg: FakeTelegram;
let A: TestUser;
let B: TestUser;
let member: Awaited<ReturnType<typeof addMember>>;
let viewer: Awaited<ReturnType<typeof addMember>>;
let pipelineA: string;
let pipelineB: string;
let connectionId: string;
const SECOND_TOKEN = '987654321:AAHsecondBotTokenForTests_abcdefghijk';

const calls = (method: string) => tg.calls.filter((c) => c.method === method);

async function pipelineOf(user: TestUser): Promise<string> {
  const rows = await db.query<{ id: string }>('select id from pipelines where workspace_id = $1 order by created_at limit 1', [user.workspaceId]);
  if (rows[0]) return rows[0].id;
  const res = await api('POST', '/api/pipelines', { token: user.token, body: { name: 'Продажи' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.pipeline ?? res.body).id as string;
}

beforeAll(async () => {
  disableRateLimits();
  tg = await startFakeTelegram();
  tg.addToken(SECOND_TOKEN, { username: 'second_shop_bot', first_name: 'Второй бот' });
  process.env.TELEGRAM_API_URL = tg.url;
  process.env.APP_URL = 'http://localhost:3000';
  delete process.env.TELEGRAM_MODE;
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Ремонт' });
  B = await registerUser({ company_name: 'B Стройка' });
  member = await addMember(db, A, 'member');
  viewer = await addMember(db, A, 'viewer');
  pipelineA = await pipelineOf(A);
  pipelineB = await pipelineOf(B);
});
afterAll(async () => {
  await teardownTestDatabase();
  await tg.close();
  delete process.env.TELEGRAM_API_URL;
  delete process.env.APP_URL;
  delete process.env.TELEGRAM_MODE;
  resetEnvCache();
});

describe('connecting a Telegram bot', () => {
  it('refuses members and viewers (403) and a token Telegram does not know (400 invalid_bot_token)', async () => {
    for (const who of [member, viewer]) {
      const res = await api('POST', '/api/integrations/telegram/connect', { token: who.token, headers: who.headers, body: { bot_token: tg.token } });
      expect(res.status).toBe(403);
    }
    const unknown = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: '111:AAHunknownTokenUnknownToken_0123456789' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_bot_token');
    expect(unknown.body.error.details.fields[0].field).toBe('bot_token');
    expect(JSON.stringify(unknown.body)).not.toContain('AAHunknownToken');
    const before = tg.calls.length;
    const malformed = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: 'not a token' } });
    expect(malformed.body.error.code).toBe('invalid_bot_token');
    expect(tg.calls.length).toBe(before); // refused without asking Telegram
    const missing = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].field).toBe('bot_token');
    expect((await api('GET', '/api/integrations', { token: A.token })).body.data).toEqual([]);
  });

  it('answers 502 provider_unreachable when Telegram fails', async () => {
    tg.failNext('getMe', { status: 502, description: 'Bad Gateway' });
    const res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: tg.token } });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('provider_unreachable');
  });

  it('checks the token with getMe, registers the webhook with a secret, and never shows or logs the token', async () => {
    tg.reset();
    const logs = captureLogs();
    let res;
    try {
      res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: tg.token, pipeline_id: pipelineA } });
    } finally {
      logs.stop();
    }
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    connectionId = res.body.id;
    expect(res.body).toMatchObject({
      type: 'telegram',
      name: 'Sales Agent Test',
      is_active: true,
      is_connected: true,
      pipeline_id: pipelineA,
      public_key: null,
      config: { bot_username: 'salesagent_test_bot', mode: 'webhook' },
      webhook_url: `http://localhost:3000/api/webhooks/telegram/${connectionId}`,
      health: { webhook_status: 'set', last_inbound_at: null, last_outbound_at: null, last_error: null, last_error_at: null },
      warnings: ['app_url_not_https'],
    });
    expect(tg.calls.map((c) => c.method)).toEqual(['getMe', 'setWebhook']);
    const hook = calls('setWebhook')[0]!.params;
    expect(hook).toMatchObject({ url: res.body.webhook_url, allowed_updates: ['message'], drop_pending_updates: false });
    const secret = String(hook.secret_token);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);

    const body = JSON.stringify(res.body);
    expect(body).not.toContain(tg.token);
    expect(body).not.toContain(tg.token.split(':')[1]);
    expect(body).not.toContain(secret);
    const audit = await db.query<{ action: string; values: string }>(
      `select action, coalesce(new_values::text, '') || coalesce(old_values::text, '') as values from audit_log where entity_id = $1`,
      [connectionId],
    );
    expect(audit.map((a) => a.action)).toEqual(['connect_integration']);
    expect(audit[0]!.values).toContain('salesagent_test_bot');
    for (const a of audit) {
      expect(a.values).not.toContain(tg.token.split(':')[1]);
      expect(a.values).not.toContain(secret);
    }
    const logged = JSON.stringify(logs.lines);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(tg.token.split(':')[1]);
    expect(logged).not.toContain(secret);
    // Stored sealed, not in clear.
    const [row] = await db.query<{ credentials: string; config: unknown }>('select credentials, config from integrations where id = $1', [connectionId]);
    expect(row!.credentials).not.toContain(tg.token.split(':')[1]);
    expect(JSON.stringify(row!.config)).not.toContain(tg.token.split(':')[1]);
  });

  it('lists and shows the connection to every member without a secret; unknown types are 404', async () => {
    const list = await api('GET', '/api/integrations', { token: viewer.token, headers: viewer.headers });
    expect(list.status).toBe(200);
    expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([connectionId]);
    const one = await api('GET', '/api/integrations/telegram', { token: member.token, headers: member.headers });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.body.data[0]);
    expect(Object.keys(one.body.config).sort()).toEqual(['bot_id', 'bot_name', 'bot_username', 'mode']);
    expect(JSON.stringify(list.body)).not.toContain(tg.token.split(':')[1]);
    expect((await api('GET', '/api/integrations/whatsapp', { token: A.token })).status).toBe(404);
    const bogus = await api('GET', '/api/integrations/viber', { token: A.token });
    expect(bogus.status).toBe(404);
    expect(bogus.body.error.code).toBe('not_found');
  });

  it('renames and rebinds the pipeline; another workspace’s pipeline or another type’s setting is refused', async () => {
    const ok = await api('PATCH', '/api/integrations/telegram/config', { token: A.token, body: { name: 'Бот магазина', pipeline_id: null } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Бот магазина', pipeline_id: null, config: { bot_username: 'salesagent_test_bot' } });
    const foreign = await api('PATCH', '/api/integrations/telegram/config', { token: A.token, body: { pipeline_id: pipelineB } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0]).toMatchObject({ field: 'pipeline_id', code: 'not_found' });
    const widgetSetting = await api('PATCH', '/api/integrations/telegram/config', { token: A.token, body: { title: 'Чат' } });
    expect(widgetSetting.status).toBe(400);
    expect(widgetSetting.body.error.details.fields[0].field).toBe('title');
    const back = await api('PATCH', '/api/integrations/telegram/config', { token: A.token, body: { pipeline_id: pipelineA } });
    expect(back.body.pipeline_id).toBe(pipelineA);
    const members = await api('PATCH', '/api/integrations/telegram/config', { token: member.token, headers: member.headers, body: { name: 'x' } });
    expect(members.status).toBe(403);
    const audit = await db.query<{ action: string }>(`select action from audit_log where entity_id = $1 and action = 'update_integration'`, [connectionId]);
    expect(audit.length).toBe(2);
  });

  it('lists the connections of one pipeline (messenger connections per funnel)', async () => {
    const ids = async (query: Record<string, string>) => (await api('GET', '/api/integrations', { token: A.token, query })).body.data?.map((i: { id: string }) => i.id);
    expect(await ids({ pipeline_id: pipelineA })).toEqual([connectionId]);
    expect(await ids({ pipeline_id: crypto.randomUUID() })).toEqual([]);
    expect((await api('GET', '/api/integrations', { token: A.token, query: { pipeline_id: 'nope' } })).status).toBe(400);
  });

  it('the site widget’s settings go through the same config endpoint with exact origins', async () => {
    const [w] = await db.query<{ id: string }>(
      `insert into integrations (workspace_id, integration_type, is_active, is_connected, public_key, config)
       values ($1, 'web_chat', true, true, 'wk_test_connections', $2) returning id`,
      [A.workspaceId, JSON.stringify({ allowed_origins: ['https://shop.kz'], title: 'Чат' })],
    );
    const ok = await api('PATCH', '/api/integrations/web_chat/config', {
      token: A.token,
      body: { allowed_origins: ['https://remont.kz/', 'http://localhost:5173', 'https://remont.kz'], greeting: 'Здравствуйте! Чем помочь?', color: '#0f766e' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      id: w!.id,
      public_key: 'wk_test_connections',
      webhook_url: null,
      warnings: ['app_url_not_https'],
      config: { allowed_origins: ['https://remont.kz', 'http://localhost:5173'], title: 'Чат', greeting: 'Здравствуйте! Чем помочь?', color: '#0f766e' },
    });
    for (const bad of ['http://remont.kz', 'https://*.remont.kz', 'https://remont.kz/chat']) {
      const res = await api('PATCH', '/api/integrations/web_chat/config', { token: A.token, body: { allowed_origins: [bad] } });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe('allowed_origins.0');
    }
    expect((await api('PATCH', '/api/integrations/web_chat/config', { token: A.token, body: { color: 'red' } })).status).toBe(400);
    await db.query('delete from integrations where id = $1', [w!.id]);
  });

  it('switches the connection off and on; a switched-off bot’s webhook answers 410', async () => {
    expect((await api('PATCH', '/api/integrations/telegram/toggle', { token: member.token, headers: member.headers, body: { is_active: false } })).status).toBe(403);
    const off = await api('PATCH', '/api/integrations/telegram/toggle', { token: A.token, body: { is_active: false } });
    expect(off.status).toBe(200);
    expect(off.body.is_active).toBe(false);
    const secret = String(calls('setWebhook').at(-1)!.params.secret_token);
    const hook = await api('POST', `/api/webhooks/telegram/${connectionId}`, {
      body: { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'Ая' }, text: 'Здравствуйте' } },
      headers: { 'x-telegram-bot-api-secret-token': secret },
    });
    expect(hook.status).toBe(410);
    const on = await api('PATCH', '/api/integrations/telegram/toggle', { token: A.token, body: { is_active: true } });
    expect(on.body.is_active).toBe(true);
    expect((await db.query('select 1 from channel_updates where integration_id = $1', [connectionId])).length).toBe(0);
  });
});

describe('isolation', () => {
  it('workspace B neither sees nor changes A’s connection through the API', async () => {
    expect((await api('GET', '/api/integrations', { token: B.token })).body.data).toEqual([]);
    for (const [method, path, body] of [
      ['GET', '/api/integrations/telegram'],
      ['PATCH', '/api/integrations/telegram/toggle', { is_active: false }],
      ['PATCH', '/api/integrations/telegram/config', { name: 'hacked' }],
      ['DELETE', '/api/integrations/telegram/disconnect'],
    ] as [string, string, unknown?][]) {
      const res = await api(method, path, { token: B.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // B naming A's workspace is not a member there.
    const forged = await api('GET', '/api/integrations', { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(forged.status).toBe(403);
    const now = (await api('GET', '/api/integrations/telegram', { token: A.token })).body;
    expect(now).toMatchObject({ is_active: true, name: 'Бот магазина' });
  });

  it('through SQL as the authenticated role: B reads, changes and unseals nothing of A’s; A’s members never read the sealed token', async () => {
    const claimsB = { sub: B.userId, role: 'authenticated', actor: 'user', workspace_id: B.workspaceId };
    await asAuthenticated(db, claimsB, async (q) => {
      expect(await q('select id from integrations where id = $1', [connectionId])).toEqual([]);
      expect(await q('update integrations set is_active = false where id = $1 returning id', [connectionId])).toEqual([]);
      expect(await q('delete from integrations where id = $1 returning id', [connectionId])).toEqual([]);
      expect(await q('select * from app.integration_secrets($1)', [connectionId])).toEqual([]);
    });
    const claimsA = { sub: A.userId, role: 'authenticated', actor: 'user', workspace_id: A.workspaceId };
    await asAuthenticated(db, claimsA, async (q) => {
      expect(await q('select * from app.integration_secrets($1)', [connectionId])).toEqual([]);
      await expect(q('select credentials from integrations where id = $1', [connectionId])).rejects.toThrow(/permission denied/);
    });
    const [row] = await db.query<{ is_active: boolean }>('select is_active from integrations where id = $1', [connectionId]);
    expect(row!.is_active).toBe(true);
  });
});

describe('reconnecting, polling mode and disconnecting', () => {
  it('reconnecting with another bot replaces the token, keeps the connection and removes the old bot’s webhook', async () => {
    tg.reset();
    const res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: SECOND_TOKEN } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.id).toBe(connectionId);
    expect(res.body).toMatchObject({ name: 'Бот магазина', pipeline_id: pipelineA, config: { bot_username: 'second_shop_bot' } });
    expect(tg.calls.map((c) => [c.method, c.token === tg.token ? 'old' : 'new'])).toEqual([
      ['getMe', 'new'],
      ['deleteWebhook', 'old'],
      ['setWebhook', 'new'],
    ]);
    const audit = await db.query<{ action: string }>(`select action from audit_log where entity_id = $1 order by created_at`, [connectionId]);
    expect(audit.map((a) => a.action)).toContain('reconnect_integration');
  });

  it('in polling mode registers no webhook (removes it) and reports polling', async () => {
    process.env.TELEGRAM_MODE = 'polling';
    resetEnvCache();
    try {
      tg.reset();
      const res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: SECOND_TOKEN } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ config: { mode: 'polling' }, webhook_url: null, health: { webhook_status: 'polling' }, warnings: [] });
      expect(tg.calls.map((c) => c.method)).toEqual(['getMe', 'deleteWebhook']);
    } finally {
      delete process.env.TELEGRAM_MODE;
      resetEnvCache();
    }
  });

  it('a setWebhook Telegram refuses leaves the connection with webhook_status failed and the reason', async () => {
    tg.reset();
    tg.failNext('setWebhook', { status: 400, description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' });
    const res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: SECOND_TOKEN } });
    expect(res.status).toBe(201);
    expect(res.body.health.webhook_status).toBe('failed');
    expect(res.body.health.last_error).toContain('HTTPS URL must be provided');
    expect(res.body.health.last_error_at).not.toBeNull();
  });

  it('disconnect calls deleteWebhook and removes the connection with its secrets', async () => {
    expect((await api('DELETE', '/api/integrations/telegram/disconnect', { token: member.token, headers: member.headers })).status).toBe(403);
    tg.reset();
    const res = await api('DELETE', '/api/integrations/telegram/disconnect', { token: A.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ disconnected: true });
    expect(tg.calls.map((c) => [c.method, c.token])).toEqual([['deleteWebhook', SECOND_TOKEN]]);
    expect(await db.query('select id from integrations where id = $1', [connectionId])).toEqual([]);
    expect((await api('GET', '/api/integrations/telegram', { token: A.token })).status).toBe(404);
    expect((await api('DELETE', '/api/integrations/telegram/disconnect', { token: A.token })).status).toBe(404);
    const audit = await db.query<{ old_values: string }>(`select old_values::text from audit_log where entity_id = $1 and action = 'disconnect_integration'`, [connectionId]);
    expect(audit.length).toBe(1);
    expect(audit[0]!.old_values).not.toContain(SECOND_TOKEN.split(':')[1]);
  });

  it('disconnect still removes the connection when Telegram cannot be reached', async () => {
    const res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: tg.token } });
    expect(res.status).toBe(201);
    tg.failNext('deleteWebhook', { status: 500 });
    const gone = await api('DELETE', '/api/integrations/telegram/disconnect', { token: A.token });
    expect(gone.status).toBe(200);
    expect((await api('GET', '/api/integrations', { token: A.token })).body.data).toEqual([]);
  });
});
