// The Telegram channel against a fake Bot API on 127.0.0.1: the webhook (secret header,
// stored once per update_id, handed to the jobs layer), the adapter (parsing, sending long
// replies in sentence-bounded parts, 429 / blocked / bad token, typing, media download) and
// long polling (getUpdates with an advancing offset, stored like webhook updates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server';
import { disableRateLimits, type TestUser } from './agents-fixtures';
import { resetEnvCache } from '@/lib/env';
import { encryptJson } from '@/lib/crypto/secrets';
import { systemActor, withActor } from '@/lib/db/actor';
import type { Database } from '@/lib/db/client';
import { telegramAdapter } from '@/lib/channels/telegram/adapter';
import { reserveSendSlot } from '@/lib/channels/telegram/pacing';
import { splitText } from '@/lib/channels/telegram/split-text';
import { loadConnection, loadConnectionOfType } from '@/lib/channels/connections/load-connection';
import { pollTelegramOnce, pollingConnectionIds, startTelegramPolling, stopTelegramPolling } from '@/lib/channels/telegram/poll-updates';
import { ChannelSendError, type ChannelConnection, type ChannelSecrets } from '@/lib/channels/types';

let db: Database;
let tg: FakeTelegram;
let A: TestUser;
let id: string;
let secret: string;
let conn: ChannelConnection;
let secrets: ChannelSecrets;

const update = (updateId: number, text = 'Здравствуйте, сколько стоит замена экрана?', chatId = 777) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 1_800_000_000,
    chat: { id: chatId, type: 'private', first_name: 'Айгерим' },
    from: { id: chatId, is_bot: false, first_name: 'Айгерим', last_name: 'Садыкова', username: 'aigerim_s' },
    text,
  },
});

const hook = (body: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': secret }, to = id) =>
  api('POST', `/api/webhooks/telegram/${to}`, { body, headers });

const storedUpdates = () =>
  db.query<{ update_key: string; state: string }>('select update_key, state from channel_updates where integration_id = $1 order by received_at, update_key', [id]);
const dueUpdates = () => db.query<{ subject: string }>(`select subject from due_work where kind = 'channel.update' order by created_at`);

beforeAll(async () => {
  disableRateLimits();
  tg = await startFakeTelegram({ maxLongPollMs: 300 });
  process.env.TELEGRAM_API_URL = tg.url;
  process.env.APP_URL = 'https://crm.example.kz';
  delete process.env.TELEGRAM_MODE;
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Телеграм Сервис' });
  const res = await api('POST', '/api/integrations/telegram/connect', { token: A.token, body: { bot_token: tg.token } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.warnings).toEqual([]);
  id = res.body.id;
  secret = tg.webhooks.get(tg.token)!.secret_token!;
  const actor = systemActor('channels', A.workspaceId);
  const loaded = (await withActor(actor, (tx) => loadConnection(tx, actor, id)))!;
  conn = loaded.conn;
  secrets = loaded.secrets;
});
afterAll(async () => {
  await stopTelegramPolling();
  await teardownTestDatabase();
  await tg.close();
  delete process.env.TELEGRAM_API_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

describe('loadConnection', () => {
  it('gives the channel path the connection and its secrets, only in its own workspace', async () => {
    expect(conn).toMatchObject({ id, workspaceId: A.workspaceId, type: 'telegram', isActive: true, config: { bot_username: 'salesagent_test_bot', mode: 'webhook' } });
    expect(secrets).toEqual({ bot_token: tg.token, webhook_secret: secret });
    const actor = systemActor('channels', A.workspaceId);
    expect((await withActor(actor, (tx) => loadConnectionOfType(tx, actor, 'telegram')))?.conn.id).toBe(id);
    expect(await withActor(actor, (tx) => loadConnectionOfType(tx, actor, 'whatsapp'))).toBeNull();
    const other = await registerUser({ company_name: 'Чужая' });
    const stranger = systemActor('channels', other.workspaceId);
    expect(await withActor(stranger, (tx) => loadConnection(tx, stranger, id))).toBeNull();
  });
});

describe('raw updates under the authenticated role', () => {
  it('a member can read but not write them (a forged update would be processed as a customer message)', async () => {
    const claims = { sub: A.userId, role: 'authenticated', actor: 'user', workspace_id: A.workspaceId };
    const insert = asAuthenticated(db, claims, (q) =>
      q(`insert into channel_updates (workspace_id, integration_id, update_key, payload) values ($1, $2, 'forged-1', '{}')`, [A.workspaceId, id]),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
    const updated = await asAuthenticated(db, claims, (q) => q(`update channel_updates set state = 'ignored' where integration_id = $1 returning id`, [id]));
    expect(updated).toEqual([]);
    expect((await storedUpdates()).some((u) => u.update_key === 'forged-1')).toBe(false);
  });

  it('the one-statement store (app.store_channel_update) refuses a member and another workspace\'s system actor', async () => {
    const call = (claims: Record<string, unknown>) =>
      asAuthenticated(db, claims, (q) =>
        q(`select * from app.store_channel_update($1, $2, 'forged-2', '{"update_id": 1}', false)`, [A.workspaceId, id]),
      );
    await expect(call({ sub: A.userId, role: 'authenticated', actor: 'user', workspace_id: A.workspaceId })).rejects.toThrow(/system actor/);
    const other = crypto.randomUUID();
    await expect(call({ sub: null, role: 'authenticated', actor: 'system', system_name: 'channels', workspace_id: other })).rejects.toThrow(/system actor/);
    // Naming another workspace for this connection finds nothing.
    const wrongWs = await asAuthenticated(db, { sub: null, role: 'authenticated', actor: 'system', system_name: 'channels', workspace_id: other }, (q) =>
      q(`select outcome from app.store_channel_update($1, $2, 'forged-3', '{}', false)`, [other, id]),
    );
    expect(wrongWs).toEqual([{ outcome: 'not_found' }]);
    expect((await storedUpdates()).filter((u) => u.update_key.startsWith('forged'))).toEqual([]);
  });

  it('an admin renames the connection but cannot paint its health (webhook status, last error)', async () => {
    const admin = { sub: A.userId, role: 'authenticated', actor: 'user', workspace_id: A.workspaceId };
    await db.query(`update integrations set last_error = 'setWebhook: Unauthorized', last_error_at = now() where id = $1`, [id]);
    for (const set of [`webhook_status = 'failed'`, `last_error = null, last_error_at = null`, `last_inbound_at = now()`]) {
      await expect(asAuthenticated(db, admin, (q) => q(`update integrations set ${set} where id = $1`, [id])), set).rejects.toThrow(/system only/);
    }
    await db.query(`update integrations set last_error = null, last_error_at = null where id = $1`, [id]);
    expect(await asAuthenticated(db, admin, (q) => q(`update integrations set name = 'Бот продаж' where id = $1 returning id`, [id]))).toEqual([{ id }]);
  });
});

describe('the webhook', () => {
  it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
    const logs = captureLogs();
    try {
      const attempts: Record<string, string>[] = [{ 'x-telegram-bot-api-secret-token': `${secret}x` }, { 'x-telegram-bot-api-secret-token': secret.slice(1) }, {}];
      for (const headers of attempts) {
        const res = await hook(update(100), headers);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('invalid_signature');
      }
    } finally {
      logs.stop();
    }
    expect(JSON.stringify(logs.lines)).not.toContain(secret);
    expect(await storedUpdates()).toEqual([]);
    expect(await dueUpdates()).toEqual([]);
  });

  it('stores an update once per update_id and hands it to the jobs layer', async () => {
    const first = await hook(update(101));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ok: true });
    const again = await hook(update(101, 'повтор'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ok: true });
    const rows = await storedUpdates();
    expect(rows).toEqual([{ update_key: '101', state: 'pending' }]);
    const [row] = await db.query<{ id: string; payload: { message: { text: string } } }>('select id, payload from channel_updates where integration_id = $1', [id]);
    expect(row!.payload.message.text).toBe('Здравствуйте, сколько стоит замена экрана?');
    expect(await dueUpdates()).toEqual([{ subject: `update:${row!.id}` }]);
    const health = await api('GET', '/api/integrations/telegram', { token: A.token });
    expect(health.body.health.last_inbound_at).not.toBeNull();
  });

  it('answers 400 to malformed JSON or a body without update_id and stores nothing', async () => {
    const bad = await hook('{"update_id": 102, "message": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const noId = await hook({ message: { text: 'hi' } });
    expect(noId.status).toBe(400);
    expect((await storedUpdates()).length).toBe(1);
  });

  it('another process\'s reconnect (a new secret) and switch-off take effect at once despite what this one holds', async () => {
    const seal = (webhookSecret: string) => encryptJson({ bot_token: tg.token, webhook_secret: webhookSecret }, `integrations.credentials:${id}`);
    expect((await hook(update(110))).status).toBe(200); // the connection and its secret are now held in memory
    const rotated = `${secret}-rotated`;
    // Written straight to the database, as another app process would: this one is not told.
    await db.query('update integrations set credentials = $1 where id = $2', [seal(rotated), id]);
    expect((await hook(update(111), { 'x-telegram-bot-api-secret-token': rotated })).status).toBe(200);
    expect((await hook(update(112))).status).toBe(401);
    await db.query('update integrations set credentials = $1 where id = $2', [seal(secret), id]);
    expect((await hook(update(113))).status).toBe(200);
    await db.query('update integrations set is_active = false where id = $1', [id]);
    const off = await hook(update(114));
    expect(off.status).toBe(410);
    expect(off.body.error.code).toBe('connection_inactive');
    await db.query('update integrations set is_active = true where id = $1', [id]);
    expect((await storedUpdates()).map((u) => u.update_key)).toEqual(['101', '110', '111', '113']);
    await db.query(`delete from channel_updates where integration_id = $1 and update_key in ('110', '111', '113')`, [id]);
    await db.query(`delete from due_work where kind = 'channel.update' and subject not in (select 'update:' || id from channel_updates)`);
  });

  it('answers 413 to an oversized body, 404 to an unknown connection', async () => {
    const big = await hook({ update_id: 103, message: { text: 'x'.repeat(1024 * 1024 + 10) } });
    expect(big.status).toBe(413);
    for (const other of [crypto.randomUUID(), 'not-a-uuid']) {
      const res = await hook(update(104), undefined, other);
      expect(res.status).toBe(404);
    }
    expect((await storedUpdates()).length).toBe(1);
  });
});

describe('parseUpdate', () => {
  const msg = (extra: Record<string, unknown>, chat: Record<string, unknown> = { id: 42, type: 'private' }) => ({
    update_id: 1,
    message: { message_id: 9, date: 1_700_000_000, chat, from: { id: 42, is_bot: false, first_name: 'Ерлан' }, ...extra },
  });

  it('reads text with the sender, chat and a per-chat message id', () => {
    expect(telegramAdapter.parseUpdate(update(5, 'Привет'))).toEqual({
      messages: [
        {
          externalMessageId: '777:5',
          chatId: '777',
          sender: { externalId: '777', name: 'Айгерим Садыкова', username: 'aigerim_s' },
          sentAt: new Date(1_800_000_000_000),
          kind: 'text',
          text: 'Привет',
        },
      ],
    });
  });

  it('reads voice, audio, the largest photo, documents, video and stickers with captions', () => {
    const one = (extra: Record<string, unknown>) => telegramAdapter.parseUpdate(msg(extra)).messages[0]!;
    expect(one({ voice: { file_id: 'v1', file_unique_id: 'u', duration: 3, mime_type: 'audio/ogg', file_size: 5000 } })).toMatchObject({
      kind: 'voice',
      text: '',
      media: { fileRef: 'v1', mimeType: 'audio/ogg', durationSeconds: 3, size: 5000 },
    });
    expect(one({ audio: { file_id: 'a1', duration: 60, mime_type: 'audio/mpeg', file_name: 'song.mp3' } })).toMatchObject({
      kind: 'audio',
      media: { fileRef: 'a1', fileName: 'song.mp3', mimeType: 'audio/mpeg' },
    });
    const photo = one({
      caption: 'Вот так треснул',
      photo: [
        { file_id: 'small', width: 90, height: 90, file_size: 1000 },
        { file_id: 'large', width: 1280, height: 960, file_size: 90000 },
        { file_id: 'mid', width: 320, height: 240, file_size: 9000 },
      ],
    });
    expect(photo).toMatchObject({ kind: 'image', text: 'Вот так треснул', media: { fileRef: 'large', mimeType: 'image/jpeg' } });
    expect(one({ document: { file_id: 'd1', file_name: 'смета.pdf', mime_type: 'application/pdf' }, caption: 'смета' })).toMatchObject({
      kind: 'document',
      text: 'смета',
      media: { fileRef: 'd1', fileName: 'смета.pdf', mimeType: 'application/pdf' },
    });
    expect(one({ video: { file_id: 'vid', duration: 10, mime_type: 'video/mp4' } })).toMatchObject({ kind: 'video', media: { fileRef: 'vid' } });
    expect(one({ sticker: { file_id: 's1', emoji: '👍', is_animated: false, is_video: false } })).toMatchObject({ kind: 'sticker', text: '👍', media: { fileRef: 's1', mimeType: 'image/webp' } });
  });

  it('turns /start <code> in a private chat into an owner link, and ignores what is not a customer message', () => {
    expect(telegramAdapter.parseUpdate(msg({ text: '/start a1B2c3' }))).toEqual({ messages: [], ownerLink: { code: 'a1B2c3', chatId: '42', username: null } });
    const ignored = (u: unknown) => telegramAdapter.parseUpdate(u);
    expect(ignored({ update_id: 2, edited_message: { message_id: 1, text: 'исправил' } })).toMatchObject({ messages: [], ignored: expect.stringContaining('edited_message') });
    expect(ignored({ update_id: 3, channel_post: { message_id: 1, text: 'пост' } })).toMatchObject({ messages: [], ignored: expect.stringContaining('channel_post') });
    expect(ignored({ update_id: 4, message: { message_id: 1, date: 1, chat: { id: 42, type: 'private' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'x' } }).messages).toEqual([]);
    expect(ignored(msg({ text: 'всем привет' }, { id: -100, type: 'supergroup' })).messages).toEqual([]);
    expect(ignored(msg({ text: '/start a1B2c3' }, { id: -100, type: 'group' })).ownerLink).toBeUndefined();
    expect(ignored(msg({ poll: { id: 'p' } })).ignored).toBeTruthy();
    expect(ignored(null).ignored).toBeTruthy();
    expect(ignored('garbage').messages).toEqual([]);
  });
});

describe('sending', () => {
  it('splits a 9,000-character reply into sentence-bounded parts of at most 4,096 and sends them in order', async () => {
    tg.reset();
    const sentences = Array.from({ length: 120 }, (_, i) => `Предложение номер ${i + 1}: замена экрана iPhone 13 стоит 45 000 тенге, гарантия полгода.`);
    let text = '';
    for (const s of sentences) if ((text + s).length < 9000) text += (text ? ' ' : '') + s;
    expect(text.length).toBeGreaterThan(8800);
    const res = await telegramAdapter.send(conn, secrets, { chatId: '777', text });
    const parts = tg.sent['777']!;
    expect(parts.length).toBe(3);
    expect(res.externalMessageIds).toEqual(tg.messages.map((m) => `777:${m.message_id}`));
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p).toMatch(/\.$/);
      expect(p).toMatch(/^Предложение номер \d+:/);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('without sentence ends cuts at words, and without spaces cuts hard without breaking an emoji', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `слово${i}`).join(' ');
    const byWords = splitText(words);
    expect(byWords.every((p) => p.length <= 4096)).toBe(true);
    expect(byWords.join(' ')).toBe(words);
    const emoji = `a${'😀'.repeat(3000)}`; // 6,001 UTF-16 units: the cut at 4,096 falls inside a pair
    const hard = splitText(emoji);
    expect(hard.every((p) => p.length <= 4096 && !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(hard.join('')).toBe(emoji);
    expect(splitText('Коротко.')).toEqual(['Коротко.']);
  });

  it('a long reply that failed half-way is completed by the retry without repeating the parts already delivered', async () => {
    tg.reset();
    const text = Array.from({ length: 120 }, (_, i) => `Пункт ${i + 1}: диагностика бесплатно, ремонт от 15 000 тенге.`).join(' ');
    tg.failNext('sendMessage', { status: 500, after: 1 });
    const failed = (await telegramAdapter.send(conn, secrets, { chatId: '555', text }).catch((e: unknown) => e)) as ChannelSendError;
    expect(failed).toMatchObject({ code: 'provider_error', permanent: false, delivered: [expect.stringMatching(/^555:\d+$/)] });
    expect(tg.sent['555']).toHaveLength(1);
    // The retry is handed what went out (the delivery path keeps it on the message).
    const res = await telegramAdapter.send(conn, secrets, { chatId: '555', text, alreadySent: failed.delivered });
    const parts = [...tg.sent['555']!];
    expect(parts.length).toBe(2);
    expect(res.externalMessageIds.length).toBe(2);
    expect(new Set(parts).size).toBe(parts.length);
    expect(parts.join(' ')).toBe(text);
    // Sent again later (a new reply with the same words): all parts go out again.
    await telegramAdapter.send(conn, secrets, { chatId: '555', text });
    expect(tg.sent['555']!.length).toBe(parts.length * 2);
  });

  it('paces sends: a burst of 3 per chat then 1 per second, 30 per second per bot', () => {
    const t = 1_900_000_000_000;
    const waits = [0, 1, 2, 3, 4].map(() => reserveSendSlot('pace-bot', 'chat-1', t));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBe(1000);
    expect(waits[4]).toBe(2000);
    expect(reserveSendSlot('pace-bot', 'chat-1', t + 5000)).toBe(0);
    const many = Array.from({ length: 31 }, (_, i) => reserveSendSlot('pace-bot-2', `c${i}`, t));
    expect(many.filter((w) => w === 0).length).toBe(30);
    expect(many[30]).toBeGreaterThan(0);
    expect(many[30]).toBeLessThanOrEqual(100);
  });

  it('waits out a short 429 (retry_after) and sends; a long one goes back to the caller', async () => {
    tg.reset();
    tg.failNext('sendMessage', { status: 429, retry_after: 1 });
    const started = Date.now();
    await telegramAdapter.send(conn, secrets, { chatId: '888', text: 'Мастер свободен завтра в 11:00.' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(tg.calls.filter((c) => c.method === 'sendMessage').length).toBe(2);
    expect(tg.sent['888']).toEqual(['Мастер свободен завтра в 11:00.']);

    tg.failNext('sendMessage', { status: 429, retry_after: 30 });
    const err = await telegramAdapter.send(conn, secrets, { chatId: '888', text: 'ещё' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30, permanent: false });
    expect(tg.sent['888']).toHaveLength(1);
  });

  it('reports a bot blocked by the user and a revoked token as permanent, never with the token', async () => {
    tg.blockChat(999);
    const blocked = await telegramAdapter.send(conn, secrets, { chatId: '999', text: 'Добрый день' }).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ code: 'blocked', permanent: true });
    const revoked = await telegramAdapter.send(conn, { ...secrets, bot_token: '123456789:AAHrevokedTokenRevokedToken_012345' }, { chatId: '777', text: 'x' }).catch((e: unknown) => e);
    expect(revoked).toMatchObject({ code: 'invalid_token', permanent: true });
    expect(String((revoked as Error).message)).not.toContain('AAHrevoked');
    tg.failNext('sendMessage', { status: 500 });
    const down = await telegramAdapter.send(conn, secrets, { chatId: '777', text: 'x' }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'provider_error', permanent: false });
  });

  it('shows typing with sendChatAction', async () => {
    tg.reset();
    await telegramAdapter.sendTyping!(conn, secrets, '777');
    expect(tg.calls.map((c) => [c.method, c.params])).toEqual([['sendChatAction', { chat_id: '777', action: 'typing' }]]);
  });

  it('downloads media with getFile and the file URL, refusing files over 20 MB', async () => {
    const voice = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1, 2, 3]);
    tg.setFile('voice-1', voice, 'voice/file_7.oga');
    const got = await telegramAdapter.fetchMedia!(conn, secrets, 'voice-1');
    expect(Array.from(got.bytes)).toEqual(Array.from(voice));
    expect(got).toMatchObject({ mimeType: 'audio/ogg', fileName: 'file_7.oga' });
    tg.setFile('huge', new Uint8Array(20 * 1024 * 1024 + 1), 'documents/huge.pdf');
    await expect(telegramAdapter.fetchMedia!(conn, secrets, 'huge')).rejects.toMatchObject({ code: 'too_large', permanent: true });
    await expect(telegramAdapter.fetchMedia!(conn, secrets, 'missing')).rejects.toBeInstanceOf(ChannelSendError);
  });
});

describe('long polling', () => {
  it('removes a leftover webhook, stores updates like the webhook does and advances the offset', async () => {
    tg.reset();
    tg.webhooks.set(tg.token, { url: 'https://crm.example.kz/x', secret_token: secret, allowed_updates: ['message'], drop_pending_updates: false });
    const first = await pollTelegramOnce(A.workspaceId, id, { timeoutSeconds: 0 });
    expect(first).toMatchObject({ stored: 0, stop: false });
    expect(tg.calls.map((c) => c.method)).toEqual(['getUpdates', 'deleteWebhook']);

    tg.pushUpdate(update(101, 'уже сохранено вебхуком'));
    tg.pushUpdate(update(202, 'Есть ли доставка в Астану?'));
    tg.pushUpdate(update(203, 'И сколько по времени?'));
    const second = await pollTelegramOnce(A.workspaceId, id, { timeoutSeconds: 0 });
    expect(second).toEqual({ received: 3, stored: 2, offset: 204, stop: false });
    const getUpdates = tg.calls.filter((c) => c.method === 'getUpdates');
    expect(getUpdates.at(-1)!.params).toMatchObject({ timeout: 0, allowed_updates: ['message'] });
    expect(getUpdates.at(-1)!.params.offset).toBeUndefined();
    expect((await storedUpdates()).map((r) => r.update_key)).toEqual(['101', '202', '203']);
    expect((await dueUpdates()).length).toBe(3);

    tg.pushUpdate(update(204, 'Жду ответа'));
    const third = await pollTelegramOnce(A.workspaceId, id, { timeoutSeconds: 0 });
    expect(third).toMatchObject({ received: 1, stored: 1, offset: 205 });
    expect(tg.calls.filter((c) => c.method === 'getUpdates').at(-1)!.params.offset).toBe(204);
    const empty = await pollTelegramOnce(A.workspaceId, id, { timeoutSeconds: 0 });
    expect(empty).toMatchObject({ received: 0, offset: 205 });
  });

  it('runs a loop per active connection that stores what arrives and stops on request', async () => {
    expect(startTelegramPolling({ force: true, timeoutSeconds: 1, refreshMs: 60_000 })).toBe(true);
    tg.pushUpdate(update(300, 'Пишу, пока бот слушает'));
    const deadline = Date.now() + 10_000;
    while (!(await storedUpdates()).some((r) => r.update_key === '300') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await storedUpdates()).map((r) => r.update_key)).toContain('300');
    expect(pollingConnectionIds()).toEqual([id]);
    await stopTelegramPolling();
    expect(pollingConnectionIds()).toEqual([]);
  });
});
