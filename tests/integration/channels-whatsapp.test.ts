// WhatsApp Business Cloud API channel against a fake Graph API on 127.0.0.1 speaking Meta's
// wire format: connecting checks the token and seals it; Meta's GET handshake answers only the
// verify token of that connection; signed deliveries are stored once per message / status
// (wrong signature: 401, nothing stored); the adapter parses what was stored, sends text,
// downloads media in two steps and refuses free-form replies outside the 24-hour window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { disableRateLimits, addMember, type TestUser } from './agents-fixtures';
import { signWhatsApp, startFakeWhatsApp, whatsappEnvelope, type FakeWhatsApp } from '../fakes/whatsapp-server';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { readIntegrationSecrets } from '@/lib/integrations/secrets';
import { channelAdapter } from '@/lib/channels/registry';
import { ChannelSendError, type ChannelConnection, type ChannelSecrets } from '@/lib/channels/types';
import { registerDueHandlers } from '@/lib/jobs/due-work/register-due-handlers';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { GET as handshake, POST as webhook } from '@/app/api/webhooks/whatsapp/[connectionId]/route';

let db: Database;
let wa: FakeWhatsApp;
let A: TestUser;
let B: TestUser;
let connA: { id: string; config: { verify_token: string } };
let connB: { id: string; config: { verify_token: string } };
const APP_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const B_SECRET = 'ffffeeeeddddccccbbbbaaaa99998888';
const CUSTOMER = '77011234567';
const logs = captureLogs();

function hook(id: string, body: string, headers: Record<string, string> = {}) {
  const req = new NextRequest(`http://localhost/api/webhooks/whatsapp/${id}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return webhook(req, { params: Promise.resolve({ connectionId: id }) });
}

function verify(id: string, query: Record<string, string>) {
  const url = new URL(`http://localhost/api/webhooks/whatsapp/${id}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return handshake(new NextRequest(url), { params: Promise.resolve({ connectionId: id }) });
}

const updates = (integrationId: string) =>
  db.query<{ update_key: string; payload: unknown }>(
    `select update_key, payload from channel_updates where integration_id = $1 order by update_key`,
    [integrationId],
  );

async function connection(workspaceId: string, id: string): Promise<{ conn: ChannelConnection; secrets: ChannelSecrets }> {
  const actor = systemActor('channels', workspaceId);
  return withActor(actor, async (tx) => {
    const [row] = await queryRows<{ config: Record<string, unknown>; is_active: boolean }>(
      tx,
      sql`select config, is_active from integrations where id = ${id}::uuid`,
    );
    const secrets = await readIntegrationSecrets(tx, actor, id);
    return {
      conn: { id, workspaceId, type: 'whatsapp', name: null, isActive: row.is_active, isConnected: true, pipelineId: null, publicKey: null, config: row.config },
      secrets: secrets!.credentials,
    };
  });
}

const textMessage = (id: string, body: string, from = CUSTOMER) => ({ from, id, timestamp: '1764288000', type: 'text', text: { body } });

beforeAll(async () => {
  wa = await startFakeWhatsApp();
  process.env.WHATSAPP_API_URL = wa.url;
  resetEnvCache();
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Алматы Ремонт' });
  B = await registerUser({ company_name: 'Астана Строй' });
});
afterAll(async () => {
  logs.stop();
  await teardownTestDatabase();
  await wa.close();
  delete process.env.WHATSAPP_API_URL;
  resetEnvCache();
});

describe('connect', () => {
  it('refuses a token Meta rejects (400 invalid_access_token) and an unknown number, storing nothing', async () => {
    const bad = await api('POST', '/api/integrations/whatsapp/connect', {
      token: A.token,
      body: { phone_number_id: wa.phoneNumberId, access_token: 'EAAGwrongwrongwrongwrong', app_secret: APP_SECRET },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_access_token');
    expect(bad.body.error.details.fields[0].field).toBe('access_token');
    const unknown = await api('POST', '/api/integrations/whatsapp/connect', {
      token: A.token,
      body: { phone_number_id: '999999999', access_token: wa.token, app_secret: APP_SECRET },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_phone_number_id');
    const invalid = await api('POST', '/api/integrations/whatsapp/connect', { token: A.token, body: { phone_number_id: 'abc' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_error');
    expect(await db.query(`select id from integrations where integration_type = 'whatsapp'`)).toEqual([]);
  });

  it('a member (not an admin) may not connect', async () => {
    const member = await addMember(db, A, 'member');
    const res = await api('POST', '/api/integrations/whatsapp/connect', {
      token: member.token,
      headers: member.headers,
      body: { phone_number_id: wa.phoneNumberId, access_token: wa.token, app_secret: APP_SECRET },
    });
    expect(res.status).toBe(403);
  });

  it('connects: 201 with webhook URL and a generated verify token, secrets sealed and never shown', async () => {
    const res = await api('POST', '/api/integrations/whatsapp/connect', {
      token: A.token,
      body: { phone_number_id: wa.phoneNumberId, access_token: wa.token, app_secret: APP_SECRET, name: 'Салон WhatsApp' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    connA = res.body;
    expect(res.body).toMatchObject({
      type: 'whatsapp',
      name: 'Салон WhatsApp',
      is_active: true,
      is_connected: true,
      config: { phone_number_id: wa.phoneNumberId, display_phone_number: wa.displayPhoneNumber },
      webhook_url: `http://localhost:3000/api/webhooks/whatsapp/${res.body.id}`,
      health: { webhook_status: 'none' },
    });
    expect(res.body.config.verify_token).toMatch(/^[A-Za-z0-9._~-]{8,128}$/);
    // The token check went to Meta with the bearer token.
    expect(wa.calls.filter((c) => c.op === 'phone' && c.authorized)).toHaveLength(1);
    // Secrets: not in the response, not in the row in clear, not in the audit log, not in a log line.
    const text = JSON.stringify(res.body);
    const [row] = await db.query<{ credentials: string; config: unknown }>(`select credentials, config from integrations where id = $1`, [res.body.id]);
    const audit = JSON.stringify(await db.query(`select * from audit_log where entity_id = $1`, [res.body.id]));
    for (const secret of [wa.token, APP_SECRET]) {
      expect(text).not.toContain(secret);
      expect(row.credentials).not.toContain(secret);
      expect(JSON.stringify(row.config)).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(JSON.stringify(logs.lines)).not.toContain(secret);
    }
    expect(audit).toContain('connect_integration');

    // B connects its own number (another app secret).
    const resB = await api('POST', '/api/integrations/whatsapp/connect', {
      token: B.token,
      body: { phone_number_id: wa.phoneNumberId, access_token: wa.token, app_secret: B_SECRET, verify_token: 'b-verify-token-123' },
    });
    expect(resB.status).toBe(201);
    expect(resB.body.config.verify_token).toBe('b-verify-token-123');
    connB = resB.body;
  });

  it('a reconnect keeps the verify token pasted into Meta', async () => {
    const res = await api('POST', '/api/integrations/whatsapp/connect', {
      token: A.token,
      body: { phone_number_id: wa.phoneNumberId, access_token: wa.token, app_secret: APP_SECRET },
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(connA.id);
    expect(res.body.config.verify_token).toBe(connA.config.verify_token);
    expect(res.body.name).toBe('Салон WhatsApp');
  });
});

describe('webhook handshake (GET)', () => {
  it("answers the challenge as text only with THIS connection's verify token, and marks the webhook set", async () => {
    const ok = await verify(connA.id, { 'hub.mode': 'subscribe', 'hub.verify_token': connA.config.verify_token, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(await ok.text()).toBe('1158201444');
    const [row] = await db.query<{ webhook_status: string }>(`select webhook_status from integrations where id = $1`, [connA.id]);
    expect(row.webhook_status).toBe('set');

    const attempts: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess-guess-guess', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': connB.config.verify_token, 'hub.challenge': '1' }, // B's token on A's URL
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': connA.config.verify_token, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
    ];
    for (const q of attempts) {
      const res = await verify(connA.id, q);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('1158201444');
    }
    expect((await verify('5b0e3c38-0000-4000-8000-000000000000', { 'hub.mode': 'subscribe', 'hub.verify_token': 'x', 'hub.challenge': '1' })).status).toBe(404);
  });
});

describe('webhook deliveries (POST)', () => {
  const delivery = JSON.stringify(
    whatsappEnvelope(
      {
        contacts: [{ profile: { name: 'Айгерим' }, wa_id: CUSTOMER }],
        messages: [
          textMessage('wamid.TEXT1', 'Здравствуйте! Сколько стоит замена экрана?'),
          { from: CUSTOMER, id: 'wamid.VOICE1', timestamp: '1764288005', type: 'audio', audio: { id: 'media-voice-1', mime_type: 'audio/ogg; codecs=opus', voice: true } },
          { from: CUSTOMER, id: 'wamid.IMG1', timestamp: '1764288009', type: 'image', image: { id: 'media-img-1', mime_type: 'image/jpeg', caption: 'Вот трещина' } },
        ],
      },
      { phoneNumberId: '106540352242922' },
    ),
  );

  it('refuses a wrong, missing or other-connection signature with 401 and stores nothing', async () => {
    const attempts: Record<string, string>[] = [
      { 'x-hub-signature-256': signWhatsApp(delivery, 'not-the-secret') },
      {},
      { 'x-hub-signature-256': signWhatsApp(delivery, B_SECRET) },
      { 'x-hub-signature-256': signWhatsApp(`${delivery}\n`, APP_SECRET) },
      { 'x-hub-signature-256': 'sha256=zz' },
    ];
    for (const headers of attempts) {
      const res = await hook(connA.id, delivery, headers);
      expect(res.status).toBe(401);
    }
    expect(await updates(connA.id)).toEqual([]);
  });

  it('refuses malformed JSON and a payload that is not WhatsApp with 400, storing nothing', async () => {
    const broken = '{"object":"whatsapp_business_account",';
    expect((await hook(connA.id, broken, { 'x-hub-signature-256': signWhatsApp(broken, APP_SECRET) })).status).toBe(400);
    const other = JSON.stringify({ update_id: 1, message: { text: 'hi' } });
    const res = await hook(connA.id, other, { 'x-hub-signature-256': signWhatsApp(other, APP_SECRET) });
    expect(res.status).toBe(400);
    expect(res.body && (await res.json()).error.code).toBe('invalid_payload');
    expect(await updates(connA.id)).toEqual([]);
  });

  it('stores each message once, answers 200 at once; a repeated delivery stores nothing new', async () => {
    const headers = { 'x-hub-signature-256': signWhatsApp(delivery, APP_SECRET) };
    const first = await hook(connA.id, delivery, headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, stored: 3, duplicates: 0 });
    const again = await hook(connA.id, delivery, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, stored: 0, duplicates: 3 });
    const rows = await updates(connA.id);
    expect(rows.map((r) => r.update_key)).toEqual(['wamid.IMG1', 'wamid.TEXT1', 'wamid.VOICE1']);
    const due = await db.query<{ subject: string }>(`select subject from due_work where kind = 'channel.update' and workspace_id = $1`, [A.workspaceId]);
    expect(due).toHaveLength(3);
    // Nothing landed in B's workspace.
    expect(await db.query(`select id from channel_updates where workspace_id = $1`, [B.workspaceId])).toEqual([]);
  });

  it('stores statuses per (message, status) and skips another phone number of the same app', async () => {
    const statuses = JSON.stringify(
      whatsappEnvelope({
        statuses: [
          { id: 'wamid.OUT1', status: 'delivered', timestamp: '1764288100', recipient_id: CUSTOMER },
          { id: 'wamid.OUT1', status: 'read', timestamp: '1764288200', recipient_id: CUSTOMER },
        ],
      }),
    );
    const res = await hook(connA.id, statuses, { 'x-hub-signature-256': signWhatsApp(statuses, APP_SECRET) });
    expect(await res.json()).toMatchObject({ stored: 2 });
    const foreign = JSON.stringify(whatsappEnvelope({ messages: [textMessage('wamid.OTHER', 'не вам')] }, { phoneNumberId: '555000111' }));
    expect(await (await hook(connA.id, foreign, { 'x-hub-signature-256': signWhatsApp(foreign, APP_SECRET) })).json()).toMatchObject({ stored: 0 });
    const keys = (await updates(connA.id)).map((r) => r.update_key);
    expect(keys).toContain('status:wamid.OUT1:delivered');
    expect(keys).toContain('status:wamid.OUT1:read');
    expect(keys).not.toContain('wamid.OTHER');
  });

  it('the adapter parses the stored rows: text, voice note and image with caption, sender name and phone', async () => {
    const adapter = await channelAdapter('whatsapp');
    const rows = await updates(connA.id);
    const byKey = Object.fromEntries(rows.map((r) => [r.update_key, adapter.parseUpdate(r.payload)]));
    expect(byKey['wamid.TEXT1'].messages).toEqual([
      {
        externalMessageId: 'wamid.TEXT1',
        chatId: CUSTOMER,
        sender: { externalId: CUSTOMER, name: 'Айгерим', phone: `+${CUSTOMER}` },
        sentAt: new Date(1764288000 * 1000),
        kind: 'text',
        text: 'Здравствуйте! Сколько стоит замена экрана?',
      },
    ]);
    expect(byKey['wamid.VOICE1'].messages[0]).toMatchObject({
      kind: 'voice',
      text: '',
      media: { fileRef: 'media-voice-1', mimeType: 'audio/ogg; codecs=opus' },
    });
    expect(byKey['wamid.IMG1'].messages[0]).toMatchObject({ kind: 'image', text: 'Вот трещина', media: { fileRef: 'media-img-1' } });
    expect(byKey['status:wamid.OUT1:read']).toEqual({ messages: [], statuses: [{ externalMessageId: 'wamid.OUT1', status: 'read', error: null }] });
    // A plain audio file is 'audio'; a reaction is ignored; garbage never throws.
    const audio = adapter.parseUpdate(whatsappEnvelope({ messages: [{ from: CUSTOMER, id: 'w.a', timestamp: '1', type: 'audio', audio: { id: 'm1' } }] }));
    expect(audio.messages[0].kind).toBe('audio');
    expect(adapter.parseUpdate(whatsappEnvelope({ messages: [{ from: CUSTOMER, id: 'w.r', type: 'reaction', reaction: { emoji: '👍' } }] })).ignored).toBeTruthy();
    expect(adapter.parseUpdate('nonsense').ignored).toBeTruthy();
  });
});

describe('the adapter against Meta', () => {
  it('sends text, splitting a long reply at sentence boundaries under 4,096 characters', async () => {
    wa.reset();
    const { conn, secrets } = await connection(A.workspaceId, connA.id);
    const adapter = await channelAdapter('whatsapp');
    const short = await adapter.send(conn, secrets, { chatId: CUSTOMER, text: 'Замена экрана — 25 000 ₸.' });
    expect(short.externalMessageIds).toHaveLength(1);
    expect(wa.sent).toEqual([{ to: CUSTOMER, text: 'Замена экрана — 25 000 ₸.', id: short.externalMessageIds[0], phoneNumberId: wa.phoneNumberId }]);
    const sentence = 'Это предложение про ремонт телефонов в Алматы. ';
    const long = sentence.repeat(200).trim();
    const res = await adapter.send(conn, secrets, { chatId: CUSTOMER, text: long });
    const parts = wa.sent.slice(1).map((s) => s.text);
    expect(res.externalMessageIds).toHaveLength(parts.length);
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(long);
  });

  it('outside the 24-hour window it refuses: canSendFreeForm false, Meta 131047 → window_closed (permanent)', async () => {
    const { conn, secrets } = await connection(A.workspaceId, connA.id);
    const adapter = await channelAdapter('whatsapp');
    const now = new Date('2026-11-28T12:00:00Z');
    expect(adapter.canSendFreeForm!(new Date('2026-11-27T12:30:00Z'), now)).toBe(true);
    expect(adapter.canSendFreeForm!(new Date('2026-11-27T11:59:00Z'), now)).toBe(false);
    expect(adapter.canSendFreeForm!(null, now)).toBe(false);
    wa.closeWindow(CUSTOMER);
    const err = await adapter.send(conn, secrets, { chatId: CUSTOMER, text: 'Вы ещё здесь?' }).catch((e) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err).toMatchObject({ code: 'window_closed', permanent: true });
    wa.openWindow(CUSTOMER);
  });

  it('maps Graph errors: bad token → invalid_token (permanent), 429 → rate_limited with retry-after, 5xx → retryable', async () => {
    const { conn, secrets } = await connection(A.workspaceId, connA.id);
    const adapter = await channelAdapter('whatsapp');
    const send = () => adapter.send(conn, secrets, { chatId: CUSTOMER, text: 'Привет' }).catch((e) => e);
    wa.failNext('send', { status: 401, code: 190, message: 'Error validating access token' });
    expect(await send()).toMatchObject({ code: 'invalid_token', permanent: true });
    wa.failNext('send', { status: 429, code: 130429, message: 'Rate limit hit', retryAfter: 7 });
    expect(await send()).toMatchObject({ code: 'rate_limited', permanent: false, retryAfterSeconds: 7 });
    wa.failNext('send', { status: 400, code: 80007, message: 'Rate limit issues' });
    expect(await send()).toMatchObject({ code: 'rate_limited', permanent: false });
    wa.failNext('send', { status: 500, code: 131000, message: 'Something went wrong' });
    expect(await send()).toMatchObject({ code: 'provider_error', permanent: false });
    const expired = await adapter.send(conn, { ...secrets, access_token: 'invalid-token-aaaaaaaaaaaa' }, { chatId: CUSTOMER, text: 'x' }).catch((e) => e);
    expect(expired).toMatchObject({ code: 'invalid_token' });
    expect(String(expired.message)).not.toContain('invalid-token-aaaaaaaaaaaa');
  });

  it('downloads media in two steps (GET /<media-id> → url, then the url with the token)', async () => {
    const { conn, secrets } = await connection(A.workspaceId, connA.id);
    const adapter = await channelAdapter('whatsapp');
    wa.setMedia('media-voice-1', 'OggS-fake-voice-bytes', 'audio/ogg');
    const media = await adapter.fetchMedia!(conn, secrets, 'media-voice-1');
    expect(Buffer.from(media.bytes).toString()).toBe('OggS-fake-voice-bytes');
    expect(media.mimeType).toBe('audio/ogg');
    const download = wa.calls.filter((c) => c.op === 'media' || c.op === 'download');
    expect(download.map((c) => [c.op, c.authorized])).toEqual([
      ['media', true],
      ['download', true],
    ]);
    expect(await adapter.fetchMedia!(conn, secrets, 'missing-media').catch((e) => e)).toBeInstanceOf(ChannelSendError);
  });
});

describe('end to end through the channel path', () => {
  const at = (offsetMs = 0) => {
    const d = new Date(Date.now() + offsetMs);
    return () => d;
  };
  async function drain(now: () => Date) {
    for (let i = 0; i < 10; i++) if ((await runDueWork({ now, limit: 50 })).claimed === 0) return;
  }
  let conversationId: string;

  it('stored deliveries become the customer’s conversation (client by phone, name, text, voice, image)', async () => {
    await registerDueHandlers();
    wa.setMedia('media-img-1', 'JPEG-bytes', 'image/jpeg');
    await drain(at(1000));
    const convs = await db.query<{ id: string; channel_type: string; channel_id: string; integration_id: string }>(
      `select id, channel_type, channel_id, integration_id from conversations where workspace_id = $1`,
      [A.workspaceId],
    );
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({ channel_type: 'whatsapp', channel_id: CUSTOMER, integration_id: connA.id });
    conversationId = convs[0].id;
    const [client] = await db.query<{ name: string; phone: string }>(
      `select c.name, c.phone from clients c join conversations v on v.client_id = c.id where v.id = $1`,
      [conversationId],
    );
    expect(client).toMatchObject({ name: 'Айгерим', phone: `+${CUSTOMER}` });
    const msgs = await db.query<{ external_message_id: string; content: string; attachments: unknown }>(
      `select external_message_id, content, attachments from messages where conversation_id = $1 and role = 'user' order by external_message_id`,
      [conversationId],
    );
    expect(msgs.map((m) => m.external_message_id)).toEqual(['wamid.IMG1', 'wamid.TEXT1', 'wamid.VOICE1']);
    expect(msgs.find((m) => m.external_message_id === 'wamid.TEXT1')!.content).toBe('Здравствуйте! Сколько стоит замена экрана?');
    expect(JSON.stringify(msgs.find((m) => m.external_message_id === 'wamid.IMG1')!.attachments)).toContain('image/jpeg');
    const states = await db.query<{ state: string }>(`select distinct state from channel_updates where integration_id = $1`, [connA.id]);
    expect(states.map((s) => s.state).sort()).not.toContain('pending');
  });

  it('an operator reply goes out through WhatsApp; Meta’s delivery report moves its status', async () => {
    wa.reset();
    const res = await api('POST', `/api/conversations/${conversationId}/messages`, { token: A.token, body: { content: 'Замена экрана — 25 000 ₸, сделаем за час.' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await drain(at(2000));
    expect(wa.sent.map((s) => [s.to, s.text])).toEqual([[CUSTOMER, 'Замена экрана — 25 000 ₸, сделаем за час.']]);
    const wamid = wa.sent[0].id;
    const report = JSON.stringify(whatsappEnvelope({ statuses: [{ id: wamid, status: 'delivered', timestamp: '1764288300', recipient_id: CUSTOMER }] }));
    expect((await hook(connA.id, report, { 'x-hub-signature-256': signWhatsApp(report, APP_SECRET) })).status).toBe(200);
    await drain(at(3000));
    const [msg] = await db.query<{ status: string; external_message_id: string }>(
      `select status, external_message_id from messages where conversation_id = $1 and role <> 'user' order by created_at desc limit 1`,
      [conversationId],
    );
    expect(msg).toEqual({ status: 'delivered', external_message_id: wamid });
  });

  it('more than 24 hours after the customer’s last message a reply is refused: failed with the reason, the team notified', async () => {
    wa.reset();
    const res = await api('POST', `/api/conversations/${conversationId}/messages`, { token: A.token, body: { content: 'Вы ещё ждёте ремонт?' } });
    expect(res.status).toBe(201);
    await drain(at(25 * 60 * 60 * 1000));
    expect(wa.sent).toEqual([]);
    const [msg] = await db.query<{ status: string; error: string }>(`select status, error from messages where id = $1`, [res.body.message?.id ?? res.body.id]);
    expect(msg.status).toBe('failed');
    expect(msg.error).toMatch(/24 час/);
    const notes = await db.query<{ type: string; title: string }>(`select type, title from notifications where workspace_id = $1 and type = 'agent_error'`, [A.workspaceId]);
    expect(notes.map((n) => n.title)).toContain('Ответ не отправлен: окно 24 часа WhatsApp закрыто');
  });
});

describe('the generic connection endpoints with a WhatsApp connection', () => {
  it('GET shows the webhook URL and verify token, never the token or app secret; toggled off, deliveries answer 410', async () => {
    const res = await api('GET', '/api/integrations/whatsapp', { token: A.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: connA.id,
      type: 'whatsapp',
      webhook_url: `http://localhost:3000/api/webhooks/whatsapp/${connA.id}`,
      config: { phone_number_id: wa.phoneNumberId, verify_token: connA.config.verify_token },
      health: { webhook_status: 'set' },
    });
    expect(res.body.health.last_inbound_at).not.toBeNull();
    const list = JSON.stringify((await api('GET', '/api/integrations', { token: A.token })).body);
    for (const secret of [wa.token, APP_SECRET]) {
      expect(JSON.stringify(res.body)).not.toContain(secret);
      expect(list).not.toContain(secret);
    }
    expect((await api('PATCH', '/api/integrations/whatsapp/toggle', { token: A.token, body: { is_active: false } })).status).toBe(200);
    const body = JSON.stringify(whatsappEnvelope({ messages: [textMessage('wamid.OFF', 'алло')] }));
    expect((await hook(connA.id, body, { 'x-hub-signature-256': signWhatsApp(body, APP_SECRET) })).status).toBe(410);
    expect((await updates(connA.id)).map((r) => r.update_key)).not.toContain('wamid.OFF');
  });

  it('disconnecting removes the connection and its secrets; the conversation keeps its history', async () => {
    const res = await api('DELETE', '/api/integrations/whatsapp/disconnect', { token: A.token });
    expect(res.status).toBe(200);
    expect(await db.query(`select id from integrations where id = $1`, [connA.id])).toEqual([]);
    const [conv] = await db.query<{ integration_id: string | null; n: number }>(
      `select c.integration_id, (select count(*)::int from messages m where m.conversation_id = c.id) as n from conversations c where c.workspace_id = $1`,
      [A.workspaceId],
    );
    expect(conv.integration_id).toBeNull();
    expect(conv.n).toBeGreaterThanOrEqual(5);
    const body = JSON.stringify(whatsappEnvelope({ messages: [textMessage('wamid.GONE', 'алло')] }));
    expect((await hook(connA.id, body, { 'x-hub-signature-256': signWhatsApp(body, APP_SECRET) })).status).toBe(404);
  });
});
