// Owner notifications in Telegram (seed 003), against the fake Telegram Bot API: a member asks
// for a one-time link (10 minutes, one use, only its hash stored), sends /start <code> to the
// workspace's bot and the chat is linked; new leads, drafts, handovers, agent errors and quota
// notices then reach every linked chat they are addressed to, with a link into the dashboard.
// A blocked chat is unlinked; a passing failure is retried by the due work without doubles.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { addMember, disableRateLimits, type TestUser } from './agents-fixtures';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { systemActor, withActor, type Actor } from '@/lib/db/actor';
import { saveIntegration } from '@/lib/integrations/secrets';
import { createNotification } from '@/lib/notifications/create-notification';
import { linkOwnerChat } from '@/lib/channels/owner/link-owner-chat';
import { registerDueHandlers } from '@/lib/jobs/due-work/register-due-handlers';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';

let db: Database;
let tg: FakeTelegram;
let A: TestUser;
let M: TestUser & { headers: Record<string, string> };
let B: TestUser;
let integrationId: string;
let slug: string;
const OWNER_CHAT = '500100';
const MEMBER_CHAT = '500200';
const channels = () => systemActor('channels', A.workspaceId);
const runtime = () => systemActor('agent-runtime', A.workspaceId);

const link = (user: { token: string; headers?: Record<string, string> }) =>
  api('POST', '/api/user/telegram/link', { token: user.token, headers: user.headers });
const status = (user: { token: string; headers?: Record<string, string> }) =>
  api('GET', '/api/user/telegram', { token: user.token, headers: user.headers });
const dueOf = (kind = 'notification.telegram') =>
  db.query<{ subject: string; state: string; payload: any }>(
    `select subject, state, payload from due_work where kind = $1 order by created_at`,
    [kind],
  );
let clock = Date.now();
/** A clock for the due-work runner, moved forward by `ms`. */
const later = (ms: number) => {
  clock = Math.max(clock, Date.now()) + ms;
  const at = new Date(clock);
  return () => at;
};

beforeAll(async () => {
  tg = await startFakeTelegram({ botUsername: 'salon_almaty_bot' });
  process.env.TELEGRAM_API_URL = tg.url;
  process.env.APP_URL = 'https://app.example.kz';
  resetEnvCache();
  disableRateLimits();
  db = await setupTestDatabase();
  await registerDueHandlers();
  A = await registerUser({ company_name: 'Салон Алматы' });
  M = await addMember(db, A, 'member');
  B = await registerUser({ company_name: 'Чужая компания' });
  [{ slug }] = await db.query<{ slug: string }>(`select slug from workspaces where id = $1`, [A.workspaceId]);
  const owner: Actor = { kind: 'user', userId: A.userId, workspaceId: A.workspaceId, role: 'owner' };
  integrationId = (
    await withActor(owner, (tx) =>
      saveIntegration(tx, {
        workspaceId: A.workspaceId,
        type: 'telegram',
        isActive: true,
        isConnected: true,
        credentials: { bot_token: tg.token, webhook_secret: 'whsec-telegram-123' },
        config: { bot_username: 'salon_almaty_bot', mode: 'webhook' },
      }),
    )
  ).id;
});
afterAll(async () => {
  await teardownTestDatabase();
  await tg.close();
  delete process.env.TELEGRAM_API_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

describe('linking a chat', () => {
  it('shows the bot and no link yet; a workspace without a bot cannot link (409)', async () => {
    expect((await status(A)).body).toEqual({ available: true, bot_username: 'salon_almaty_bot', linked: false, chat_username: null, linked_at: null });
    expect((await status(B)).body).toMatchObject({ available: false, bot_username: null, linked: false });
    const res = await link(B);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('telegram_not_connected');
  });

  it('a one-time code: deep link into the bot, 10 minutes, only its sha256 stored', async () => {
    const before = Date.now();
    const res = await link(A);
    expect(res.status).toBe(200);
    const { code, expires_at, deep_link } = res.body;
    expect(deep_link).toBe(`https://t.me/salon_almaty_bot?start=${code}`);
    expect(code).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const ttl = new Date(expires_at).getTime() - before;
    expect(ttl).toBeGreaterThan(9.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    const rows = await db.query<Record<string, unknown>>(`select * from telegram_owner_links where user_id = $1`, [A.userId]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0].code_hash).toBe(crypto.createHash('sha256').update(code).digest('hex'));
  });

  it('/start with a wrong code, an expired code, another workspace: not linked, and the bot says why', async () => {
    expect((await linkOwnerChat(channels(), { integrationId, code: 'nonsense-code-1234', chatId: OWNER_CHAT })).result).toBe('invalid');
    expect(tg.sent[OWNER_CHAT]?.at(-1)).toMatch(/не найден/);

    const { code } = (await link(A)).body;
    // The channels actor of another workspace cannot use A's code.
    expect((await linkOwnerChat(systemActor('channels', B.workspaceId), { integrationId, code, chatId: OWNER_CHAT }, { reply: false })).result).toBe(
      'invalid',
    );
    const eleven = new Date(Date.now() + 11 * 60_000);
    expect((await linkOwnerChat(channels(), { integrationId, code, chatId: OWNER_CHAT }, { now: eleven })).result).toBe('expired');
    expect(tg.sent[OWNER_CHAT]?.at(-1)).toMatch(/истёк/);
    expect((await status(A)).body.linked).toBe(false);
  });

  it('a valid code links the chat once; the code cannot be used again', async () => {
    const { code } = (await link(A)).body;
    const linked = await linkOwnerChat(channels(), { integrationId, code, chatId: OWNER_CHAT, username: 'aigerim_owner' });
    expect(linked).toEqual({ result: 'linked', userId: A.userId });
    expect(tg.sent[OWNER_CHAT]?.at(-1)).toMatch(/Готово/);
    const st = (await status(A)).body;
    expect(st).toMatchObject({ available: true, linked: true, chat_username: 'aigerim_owner' });
    expect(new Date(st.linked_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // One use: the same code again links nothing (another chat cannot take it over).
    expect((await linkOwnerChat(channels(), { integrationId, code, chatId: '999', username: 'thief' }, { reply: false })).result).toBe('invalid');
    expect((await status(A)).body.chat_username).toBe('aigerim_owner');
  });

  it('end to end: the member sends /start <code> to the bot; the webhook update links the chat', async () => {
    const m = (await link(M)).body;
    const update = {
      update_id: 70001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        from: { id: Number(MEMBER_CHAT), is_bot: false, first_name: 'Ерлан', username: 'manager' },
        chat: { id: Number(MEMBER_CHAT), type: 'private', username: 'manager' },
        text: `/start ${m.code}`,
      },
    };
    const res = await api('POST', `/api/webhooks/telegram/${integrationId}`, {
      body: update,
      headers: { 'x-telegram-bot-api-secret-token': 'whsec-telegram-123' },
    });
    expect(res.status).toBe(200);
    await runDueWork({ now: later(1000) });
    expect((await status(M)).body).toMatchObject({ linked: true, chat_username: 'manager' });
    expect(tg.sent[MEMBER_CHAT]?.at(-1)).toMatch(/Готово/);
    // Not a customer: no client or conversation was made of it.
    expect(await db.query(`select id from conversations where workspace_id = $1`, [A.workspaceId])).toEqual([]);
  });

  it('a member sees only their own link (API and SQL)', async () => {
    expect((await status(M)).body.chat_username).toBe('manager');
    const rows = await asAuthenticated(db, { sub: M.userId, role: 'authenticated', actor: 'user', workspace_id: A.workspaceId }, (q) =>
      q(`select user_id, chat_id from telegram_owner_links`),
    );
    expect(rows).toEqual([{ user_id: M.userId, chat_id: MEMBER_CHAT }]);
    const foreign = await asAuthenticated(db, { sub: B.userId, role: 'authenticated', actor: 'user', workspace_id: B.workspaceId }, (q) =>
      q(`select user_id from telegram_owner_links`),
    );
    expect(foreign).toEqual([]);
  });
});

describe('notifications to linked chats', () => {
  it('a new lead goes to every linked member with a link into the dashboard', async () => {
    tg.reset();
    await createNotification(runtime(), {
      type: 'new_lead',
      title: 'Новый лид: Айгерим',
      description: 'Хочет заменить экран iPhone 13',
      actionUrl: '/conversations?id=123',
    });
    const [due] = await dueOf();
    expect(due).toMatchObject({ state: 'pending', payload: { type: 'new_lead', user_id: null } });
    expect(await runDueWork({ now: later(1000) })).toMatchObject({ claimed: 1, done: 1 });
    for (const chat of [OWNER_CHAT, MEMBER_CHAT]) {
      expect(tg.sent[chat]).toEqual([
        `🆕 Новый лид: Айгерим\nХочет заменить экран iPhone 13\n\nОткрыть: https://app.example.kz/w/${slug}/conversations?id=123`,
      ]);
    }
  });

  it('a notification for one member goes to that member only; other kinds are not sent at all', async () => {
    tg.reset();
    await db.query(`delete from due_work`);
    await createNotification(runtime(), { type: 'draft_pending', title: 'Черновик ждёт проверки', userId: M.userId, actionUrl: '/inbox' });
    await createNotification(runtime(), { type: 'task_created', title: 'Новая задача' });
    expect((await dueOf()).map((d) => d.payload.type)).toEqual(['draft_pending']);
    await runDueWork({ now: later(1000) });
    expect(tg.sent[MEMBER_CHAT]).toHaveLength(1);
    expect(tg.sent[MEMBER_CHAT][0]).toContain('Черновик ждёт проверки');
    expect(tg.sent[OWNER_CHAT]).toBeUndefined();
  });

  it('a failure is retried by the due work; nobody gets it twice', async () => {
    tg.reset();
    await db.query(`delete from due_work`);
    // Both chats fail once: the whole item is retried.
    tg.failNext('sendMessage', { status: 500, description: 'Internal Server Error', times: 2 });
    await createNotification(runtime(), { type: 'handover_requested', title: 'Клиент просит менеджера' });
    expect(await runDueWork({ now: later(1000) })).toMatchObject({ retried: 1 });
    expect(tg.sent[OWNER_CHAT]).toBeUndefined();
    expect(await runDueWork({ now: later(31_000) })).toMatchObject({ done: 1 });
    expect(tg.sent[OWNER_CHAT]).toEqual([expect.stringContaining('Клиент просит менеджера')]);
    expect(tg.sent[MEMBER_CHAT]).toEqual([expect.stringContaining('Клиент просит менеджера')]);

    // One chat fails: a follow-up for that chat only.
    tg.reset();
    await db.query(`delete from due_work`);
    await createNotification(runtime(), { type: 'agent_error', title: 'Ошибка агента' });
    tg.failNext('sendMessage', { status: 502, description: 'Bad Gateway' });
    expect(await runDueWork({ now: later(1000) })).toMatchObject({ done: 1 });
    const sentFirst = Object.values(tg.sent).flat().length;
    expect(sentFirst).toBe(1);
    const pending = (await dueOf()).filter((d) => d.state === 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0].payload.chat_ids).toHaveLength(1);
    await runDueWork({ now: later(10 * 60_000) });
    expect(tg.sent[OWNER_CHAT]).toHaveLength(1);
    expect(tg.sent[MEMBER_CHAT]).toHaveLength(1);
  });

  it('a chat that blocked the bot is unlinked; the others still get it', async () => {
    tg.reset();
    await db.query(`delete from due_work`);
    tg.blockChat(MEMBER_CHAT);
    await createNotification(runtime(), { type: 'quota_exceeded', title: 'Лимит сообщений исчерпан' });
    expect(await runDueWork({ now: later(1000) })).toMatchObject({ done: 1 });
    expect(tg.sent[OWNER_CHAT]).toHaveLength(1);
    expect((await status(M)).body.linked).toBe(false);
    expect((await dueOf()).filter((d) => d.state === 'pending')).toEqual([]);
    // A notification for the member alone is no longer scheduled.
    await createNotification(runtime(), { type: 'draft_pending', title: 'Черновик', userId: M.userId });
    expect((await dueOf()).filter((d) => d.state === 'pending')).toEqual([]);
  });

  it('unlinking stops them', async () => {
    tg.reset();
    await db.query(`delete from due_work`);
    expect((await api('DELETE', '/api/user/telegram', { token: A.token })).body).toEqual({ unlinked: true });
    expect((await status(A)).body.linked).toBe(false);
    await createNotification(runtime(), { type: 'new_lead', title: 'Новый лид' });
    expect(await dueOf()).toEqual([]);
    expect(Object.keys(tg.sent)).toEqual([]);
    // No connection state leaks: the bot token never appears in any API answer.
    expect(JSON.stringify((await status(A)).body)).not.toContain(tg.token);
  });
});
