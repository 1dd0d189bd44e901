// Delivery ('message.deliver', issue 9): operator replies, agent replies, approved drafts and
// retries go out through the conversation's channel, claimed once. Telegram's 429 retry_after
// is honoured; a permanent failure is visible on the message (error, integration health, a
// notification) with a retry that works; WhatsApp outside the 24-hour window refuses a free
// reply with a clear error and nothing reaches Meta; a runner that dies between claiming and
// sending leaves work that is retried once its lease expires — the customer gets one message.
// Secrets never reach a stored error or a log line; another workspace's channel actor finds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { startFakeWhatsApp, type FakeWhatsApp } from '../fakes/whatsapp-server';
import type { Database } from '@/lib/db/client';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { sql } from 'drizzle-orm';
import { saveIntegration } from '@/lib/integrations/secrets';
import { claimDueWork, LEASE_MS } from '@/lib/jobs/due-work/run-due-work';
import { deliverMessage } from '@/lib/channels/delivery/deliver-message';
import { runReply } from '@/lib/channels/reply/run-reply';
import { channelsFixture, conversationOfChat, messagesOf, pendingDue, setEnv, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
let wa: FakeWhatsApp;
const logs = captureLogs();
const S = 1000;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 30 });
  wa = await startFakeWhatsApp();
  setEnv({ WHATSAPP_API_URL: wa.url });
});
afterAll(async () => {
  logs.stop();
  await fx.close();
  await wa.close();
  setEnv({ WHATSAPP_API_URL: undefined });
  await teardownTestDatabase();
});

/** A Telegram conversation with one customer message (no agent reply pending). */
async function telegramConversation(chat: number): Promise<string> {
  await fx.deliver(textUpdate(chat, 'Добрый день'));
  await fx.drain();
  const conv = await conversationOfChat(db, fx.workspaceId, chat);
  await db.query(`update due_work set state = 'cancelled' where subject = $1 and state = 'pending'`, [`conversation:${conv.id}`]);
  return conv.id;
}

const operatorSays = async (conversationId: string, content: string) => {
  const res = await api('POST', `/api/conversations/${conversationId}/messages`, { token: fx.owner.token, body: { content } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  fx.clock.sync();
  return res.body.message.id as string;
};
const messageRow = async (id: string) =>
  (await db.query<{ status: string; error: string | null; sent_at: Date | null; external_message_id: string | null; metadata: any }>(
    `select status, error, sent_at, external_message_id, metadata from messages where id = $1`,
    [id],
  ))[0];

describe('delivery through Telegram', () => {
  it('an operator reply is sent: status sent, sent_at, the provider id, the connection’s last outbound time', async () => {
    const conv = await telegramConversation(9001);
    const id = await operatorSays(conv, 'Здравствуйте, чем помочь?');
    expect((await messageRow(id)).status).toBe('queued');
    await fx.drain();
    expect(fx.tg.sent['9001']).toEqual(['Здравствуйте, чем помочь?']);
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'sent', error: null, external_message_id: expect.stringMatching(/^9001:\d+$/) });
    expect(row.sent_at).not.toBeNull();
    const [integration] = await db.query<{ last_outbound_at: Date | null }>(`select last_outbound_at from integrations where id = $1`, [fx.telegramId]);
    expect(integration.last_outbound_at).not.toBeNull();
  });

  it('a 429 with retry_after is honoured: nothing is resent before it, then one message goes out', async () => {
    const conv = await telegramConversation(9002);
    fx.tg.failNext('sendMessage', { status: 429, retry_after: 90 });
    const id = await operatorSays(conv, 'Минуту, уточняю цену');
    await fx.drain();
    expect(fx.tg.sent['9002'] ?? []).toEqual([]);
    const row = await messageRow(id);
    expect(row.status).toBe('queued');
    expect(row.metadata.delivery).toMatchObject({ state: 'retrying', code: 'rate_limited' });
    const [due] = (await pendingDue(db, fx.workspaceId, 'message.deliver')).filter((d) => d.subject === `message:${id}`);
    expect(new Date(due.due_at).getTime()).toBe(fx.clock.now().getTime() + 90 * S);
    fx.clock.advance(89 * S);
    await fx.drain();
    expect(fx.tg.sent['9002'] ?? []).toEqual([]);
    fx.clock.advance(1 * S);
    await fx.drain();
    expect(fx.tg.sent['9002']).toEqual(['Минуту, уточняю цену']);
    expect((await messageRow(id)).status).toBe('sent');
  });

  it('a permanent failure shows on the message with a notification; retry sends it; retrying a sent one is 409 not_failed', async () => {
    const conv = await telegramConversation(9003);
    fx.tg.blockChat(9003);
    const id = await operatorSays(conv, 'Ваш телефон готов');
    await fx.drain();
    let row = await messageRow(id);
    expect(row).toMatchObject({ status: 'failed', metadata: expect.objectContaining({ delivery: expect.objectContaining({ state: 'failed', code: 'blocked' }) }) });
    expect(row.error).toBeTruthy();
    expect(row.error).not.toContain(fx.tg.token);
    const [integration] = await db.query<{ last_error: string | null }>(`select last_error from integrations where id = $1`, [fx.telegramId]);
    expect(integration.last_error).toMatch(/^blocked/);
    const notes = await db.query<{ type: string; data: any }>(`select type, data from notifications where workspace_id = $1 and data->>'message_id' = $2`, [fx.workspaceId, id]);
    expect(notes).toEqual([{ type: 'agent_error', data: expect.objectContaining({ code: 'blocked', conversation_id: conv }) }]);

    fx.tg.reset(); // the customer unblocked the bot
    const retry = await api('POST', `/api/conversations/${conv}/messages/${id}/retry`, { token: fx.owner.token });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.message).toMatchObject({ id, status: 'queued' });
    fx.clock.sync();
    await fx.drain();
    expect(fx.tg.sent['9003']).toEqual(['Ваш телефон готов']);
    row = await messageRow(id);
    expect(row).toMatchObject({ status: 'sent', error: null });
    const again = await api('POST', `/api/conversations/${conv}/messages/${id}/retry`, { token: fx.owner.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_failed');
    expect((await api('POST', `/api/conversations/${conv}/messages/${conv}/retry`, { token: fx.owner.token })).status).toBe(404);
  });

  it('a long reply that failed half-way: the retry (in whichever process) sends only the parts not delivered', async () => {
    const conv = await telegramConversation(9005);
    const text = Array.from({ length: 90 }, (_, i) => `Пункт ${i + 1}: диагностика бесплатно, ремонт экрана от 15 000 тенге.`).join(' ');
    fx.tg.failNext('sendMessage', { status: 500, after: 1 });
    const id = await operatorSays(conv, text);
    await fx.drain();
    expect(fx.tg.sent['9005']).toHaveLength(1);
    const half = await messageRow(id);
    expect(half.status).toBe('queued');
    // Kept on the message, not in this process's memory.
    expect(half.metadata.delivered_parts).toEqual([expect.stringMatching(/^9005:\d+$/)]);
    fx.clock.advance(10 * 60 * S);
    await fx.drain();
    const parts = fx.tg.sent['9005']!;
    expect(parts).toHaveLength(2);
    expect(parts.join(' ')).toBe(text);
    const done = await messageRow(id);
    expect(done.status).toBe('sent');
    expect(done.metadata.delivered_parts).toBeUndefined();
    expect(done.metadata.delivery.external_message_ids).toHaveLength(2);
  });

  it('a runner that dies between claiming and sending: the work is retried after its lease, the customer gets ONE message', async () => {
    const conv = await telegramConversation(9004);
    const id = await operatorSays(conv, 'Мастер освободится в 15:00');
    // A runner claims the item and dies before sending (its lease stays).
    const claimed = await claimDueWork(fx.clock.now(), 10);
    expect(claimed.map((c) => c.subject)).toContain(`message:${id}`);
    await fx.drain();
    expect(fx.tg.sent['9004'] ?? []).toEqual([]);
    fx.clock.advance(LEASE_MS + S);
    await fx.drain();
    fx.clock.advance(LEASE_MS + S);
    await fx.drain();
    expect(fx.tg.sent['9004']).toEqual(['Мастер освободится в 15:00']);
    expect(fx.tg.messages.filter((m) => m.text === 'Мастер освободится в 15:00')).toHaveLength(1);
    expect((await messageRow(id)).status).toBe('sent');
  });
});

describe('WhatsApp outside the 24-hour window', () => {
  it('the free-form reply is refused: failed with window_closed, a notification, nothing sent to Meta', async () => {
    const owner = { kind: 'user' as const, userId: fx.owner.userId, workspaceId: fx.workspaceId, role: 'owner' as const };
    const { id: waId } = await withActor(owner, (tx) =>
      saveIntegration(tx, {
        workspaceId: fx.workspaceId,
        type: 'whatsapp',
        isActive: true,
        isConnected: true,
        credentials: { access_token: 'EAAG-fake-access-token-1234567890', app_secret: 'app-secret-123456', verify_token: 'verify-123' },
        config: { phone_number_id: '1100220033' },
      }),
    );
    const [conv] = await db.query<{ id: string }>(
      `insert into conversations (workspace_id, client_id, channel_type, channel_id, integration_id, last_inbound_at)
       values ($1, $2, 'whatsapp', '77011234567', $3, now() - interval '25 hours') returning id`,
      [fx.workspaceId, fx.clientId, waId],
    );
    const id = await operatorSays(conv.id, 'Добрый день! Ваш заказ готов.');
    await fx.drain();
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'failed', metadata: expect.objectContaining({ delivery: expect.objectContaining({ code: 'window_closed' }) }) });
    expect(row.error).toMatch(/24/);
    expect(wa.sent).toEqual([]);
    const notes = await db.query<{ data: any }>(`select data from notifications where data->>'message_id' = $1`, [id]);
    expect(notes.map((n) => n.data.code)).toEqual(['window_closed']);
  });
});

describe('secrets and isolation', () => {
  it('no bot token or access token in any log line', () => {
    // The failures above were logged (so this looks at real lines), without the secrets.
    expect(logs.lines.some((l) => l.msg === 'channel send failed for good' && l.code === 'blocked')).toBe(true);
    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain(fx.tg.token);
    expect(text).not.toContain('EAAG-fake-access-token-1234567890');
  });

  it("the channels actor of workspace B cannot deliver, answer or change workspace A's conversation", async () => {
    const B = await registerUser({ company_name: 'Другая компания' });
    const conv = await telegramConversation(9005);
    const [msg] = (await messagesOf(db, conv)).filter((m) => m.role === 'user');
    expect(await deliverMessage(B.workspaceId, msg.id, { now: fx.clock.now(), attempt: 1 })).toEqual({ result: 'skipped', reason: 'not_found' });
    expect(await runReply(B.workspaceId, conv, fx.clock.now())).toEqual({ result: 'skipped', reason: 'not_found' });
    const bActor = systemActor('channels', B.workspaceId);
    const changed = await withActor(bActor, (tx) =>
      queryRows<{ id: string }>(tx, sql`update public.messages set content = 'взлом' where id = ${msg.id}::uuid returning id`),
    );
    expect(changed).toEqual([]);
    await expect(
      withActor(bActor, (tx) => tx.execute(sql`update public.conversations set status = 'paused' where id = ${conv}::uuid`)).then(async () =>
        (await db.query<{ status: string }>(`select status from conversations where id = $1`, [conv]))[0].status,
      ),
    ).resolves.toBe('active');
    expect((await db.query<{ content: string }>(`select content from messages where id = $1`, [msg.id]))[0].content).toBe('Добрый день');
  });
});
