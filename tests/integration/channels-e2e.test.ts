// End to end (issue 9): a Telegram bot connected through the API (getMe, setWebhook with a
// secret at the fake Telegram), an update POSTed to the webhook route with that secret, the
// durable work (update → reply after the delay → delivery) run on a test clock, the agent
// runtime answering through the fake OpenAI — and the fake Telegram receiving the reply once,
// even when Telegram delivers the update twice. A wrong secret stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { channelsFixture, conversationOfChat, installReplyScript, messagesOf, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 20 });
  installReplyScript(fx.ai);
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

describe('Telegram end to end', () => {
  it('webhook → durable work → runtime → the fake Telegram receives the reply, once', async () => {
    const connect = await api('POST', '/api/integrations/telegram/connect', { token: fx.owner.token, body: { bot_token: fx.tg.token } });
    expect(connect.status, JSON.stringify(connect.body)).toBe(201);
    expect(JSON.stringify(connect.body)).not.toContain(fx.tg.token);
    const id = connect.body.id as string;
    const hook = fx.tg.webhooks.get(fx.tg.token)!;
    expect(hook.url).toContain(`/api/webhooks/telegram/${id}`);
    expect(hook.secret_token).toBeTruthy();

    const chat = 6060;
    const update = textUpdate(chat, 'Добрый день! Сколько стоит замена батареи на iPhone 11?', { first_name: 'Асель', username: 'asel' });
    const wrong = await api('POST', `/api/webhooks/telegram/${id}`, { body: update, headers: { 'x-telegram-bot-api-secret-token': 'not-the-secret' } });
    expect(wrong.status).toBe(401);
    expect(await db.query(`select 1 from channel_updates where integration_id = $1`, [id])).toEqual([]);

    const headers = { 'x-telegram-bot-api-secret-token': hook.secret_token! };
    const res = await api('POST', `/api/webhooks/telegram/${id}`, { body: update, headers });
    expect(res.status).toBe(200);
    // Telegram did not see the answer in time and delivers it again.
    expect((await api('POST', `/api/webhooks/telegram/${id}`, { body: update, headers })).status).toBe(200);
    fx.clock.sync();
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    expect(conv).toMatchObject({ integration_id: id, unread_count: 1 });
    expect(fx.tg.sent[String(chat)] ?? []).toEqual([]);

    fx.clock.advance(20_000);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ: Добрый день! Сколько стоит замена батареи на iPhone 11?']);
    const msgs = await messagesOf(db, conv.id);
    expect(msgs.map((m) => [m.role, m.status])).toEqual([
      ['user', 'received'],
      ['agent', 'sent'],
    ]);
    const [client] = await db.query<{ name: string }>(`select c.name from clients c join conversations v on v.client_id = c.id where v.id = $1`, [conv.id]);
    expect(client.name).toBe('Асель');
    const updates = await db.query<{ state: string }>(`select state from channel_updates where integration_id = $1`, [id]);
    expect(updates).toEqual([{ state: 'processed' }]);
    fx.clock.advance(600_000);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toHaveLength(1);
  });
});
