// The delayed, batched reply (issue 9, "the inbound path"): Telegram updates stored like the
// webhook stores them, due work run on a test clock, the agent runtime against the fake
// OpenAI, replies received by the fake Telegram. A burst gets one reply to all of it; a
// message arriving while the reply is generated supersedes it; outside working hours the
// off-hours message goes out once and the reply waits for the window; paused conversations
// and conversations no agent covers get no reply; a voice message is answered by its transcript.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { nextOpenWindow } from '@/lib/channels/schedule/next-open-window';
import {
  channelsFixture,
  conversationOfChat,
  installReplyScript,
  messagesOf,
  pendingDue,
  textUpdate,
  voiceUpdate,
  type ChannelsFixture,
} from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
const S = 1000;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 30 });
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});
beforeEach(() => {
  installReplyScript(fx.ai);
});

const replyRequests = () => fx.ai.requests.filter((r) => r.path === '/v1/chat/completions' && r.headers['x-agent-purpose'] === 'reply');

describe('reply delay batches a burst', () => {
  it('three messages inside the delay get ONE reply that answers all three, from stored history', async () => {
    const chat = 7001;
    fx.ai.reset();
    installReplyScript(fx.ai);
    await fx.deliver(textUpdate(chat, 'Здравствуйте'));
    await fx.drain();
    fx.clock.advance(10 * S);
    await fx.deliver(textUpdate(chat, 'Экран на iPhone 13 разбит'));
    await fx.drain();
    fx.clock.advance(10 * S);
    await fx.deliver(textUpdate(chat, 'Сколько стоит замена?'));
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    expect(conv).toMatchObject({ status: 'active', agent_id: fx.agentId, unread_count: 3, integration_id: fx.telegramId });
    // One pending reply, pushed by the last message: due 30 s after it.
    const [due] = await pendingDue(db, fx.workspaceId, 'conversation.reply');
    expect(due.subject).toBe(`conversation:${conv.id}`);
    expect(new Date(due.due_at).getTime()).toBe(fx.clock.now().getTime() + 30 * S);

    fx.clock.advance(29 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)] ?? []).toEqual([]);
    expect(replyRequests()).toHaveLength(0);

    fx.clock.advance(1 * S);
    await fx.drain();
    expect(replyRequests()).toHaveLength(1);
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ: Здравствуйте | Экран на iPhone 13 разбит | Сколько стоит замена?']);
    const msgs = await messagesOf(db, conv.id);
    const reply = msgs.find((m) => m.role === 'agent')!;
    expect(reply.status).toBe('sent');
    expect(reply.external_message_id).toMatch(new RegExp(`^${chat}:\\d+$`));
    expect(reply.turn.answered_message_ids).toEqual(msgs.filter((m) => m.role === 'user').map((m) => m.id));
    // "typing…" was shown while the reply was prepared.
    expect(fx.tg.calls.some((c) => c.method === 'sendChatAction' && String(c.params.chat_id) === String(chat))).toBe(true);
    // Nothing else is due; running again sends nothing more.
    fx.clock.advance(60 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toHaveLength(1);
  });

  it('a repeated delivery of the same update stores nothing and schedules nothing more', async () => {
    const chat = 7002;
    const update = textUpdate(chat, 'Вы работаете сегодня?');
    expect((await fx.deliver(update)).duplicate).toBe(false);
    expect((await fx.deliver(update)).duplicate).toBe(true);
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    expect((await messagesOf(db, conv.id)).filter((m) => m.role === 'user')).toHaveLength(1);
    fx.clock.advance(30 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toHaveLength(1);
  });
});

describe('supersede', () => {
  it('a message arriving while the reply is generated discards that reply; one reply answers both', async () => {
    const chat = 7003;
    let injected = false;
    installReplyScript(fx.ai, async () => {
      if (injected) return;
      injected = true;
      // The customer writes again while the model is still answering the first message.
      await fx.deliver(textUpdate(chat, 'И ещё: есть ли гарантия?'));
      await runDueWork({ now: fx.clock.now, limit: 5 });
    });
    await fx.deliver(textUpdate(chat, 'Сколько стоит замена батареи?'));
    await fx.drain();
    fx.clock.advance(30 * S);
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    let msgs = await messagesOf(db, conv.id);
    const first = msgs.find((m) => m.role === 'agent')!;
    expect(first).toMatchObject({ status: 'rejected', error: 'superseded_newer_message', metadata: expect.objectContaining({ superseded: true, reason: 'newer_message' }) });
    expect(fx.tg.sent[String(chat)] ?? []).toEqual([]);
    // The newer message's own delay, then one reply to both.
    fx.clock.advance(30 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ: Сколько стоит замена батареи? | И ещё: есть ли гарантия?']);
    msgs = await messagesOf(db, conv.id);
    expect(msgs.filter((m) => m.role === 'agent').map((m) => m.status)).toEqual(['rejected', 'sent']);
    const events = await db.query<{ event_type: string }>(`select event_type from crm_events where conversation_id = $1 and event_type = 'reply_superseded'`, [conv.id]);
    expect(events).toHaveLength(1);
  });
});

describe('working hours', () => {
  const DAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];
  it('off hours: the off-hours message once per closed period, the reply when the window opens', async () => {
    const chat = 7004;
    // Open only on the day after tomorrow (Almaty time), 09:00-18:00: now is closed.
    const local = new Date(fx.clock.now().getTime() + 5 * 3600 * S);
    const weekday = (local.getUTCDay() + 6) % 7;
    const openDay = DAYS[(weekday + 2) % 7];
    const schedule = DAYS.map((day) => ({ day, enabled: day === openDay, start: '09:00', end: '18:00' }));
    await db.query(`update workspaces set time_zone = 'Asia/Almaty' where id = $1`, [fx.workspaceId]);
    // Set in the agent editor: working hours and the off-hours message (PATCH /api/agents/:id).
    const tooLong = await api('PATCH', `/api/agents/${fx.agentId}`, { token: fx.owner.token, body: { off_hours_message: 'я'.repeat(4097) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['off_hours_message']);
    const patched = await api('PATCH', `/api/agents/${fx.agentId}`, {
      token: fx.owner.token,
      body: { schedule_enabled: true, working_schedule: schedule, off_hours_message: 'Мы откроемся в 09:00 и сразу ответим.' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.agent).toMatchObject({ schedule_enabled: true, off_hours_message: 'Мы откроемся в 09:00 и сразу ответим.' });
    try {
      await fx.deliver(textUpdate(chat, 'Добрый вечер, можно записаться?'));
      await fx.drain();
      expect(fx.tg.sent[String(chat)]).toEqual(['Мы откроемся в 09:00 и сразу ответим.']);
      const conv = await conversationOfChat(db, fx.workspaceId, chat);
      const opens = nextOpenWindow({ enabled: true, schedule, timeZone: 'Asia/Almaty' }, fx.clock.now())!;
      const [due] = await pendingDue(db, fx.workspaceId, 'conversation.reply');
      expect(new Date(due.due_at).toISOString()).toBe(opens.toISOString());
      // A second message in the same closed period: no second notice.
      fx.clock.advance(3600 * S);
      await fx.deliver(textUpdate(chat, 'Я подойду к открытию'));
      await fx.drain();
      expect(fx.tg.sent[String(chat)]).toHaveLength(1);
      fx.clock.set(new Date(opens.getTime() - S));
      await fx.drain();
      expect(fx.tg.sent[String(chat)]).toHaveLength(1);
      fx.clock.set(opens);
      await fx.drain();
      expect(fx.tg.sent[String(chat)]).toEqual([
        'Мы откроемся в 09:00 и сразу ответим.',
        'Ответ: Добрый вечер, можно записаться? | Я подойду к открытию',
      ]);
      const msgs = await messagesOf(db, conv.id);
      expect(msgs.find((m) => m.metadata?.off_hours)).toBeTruthy();
    } finally {
      await db.query(`update agents set schedule_enabled = false, working_schedule = null, off_hours_message = null where id = $1`, [fx.agentId]);
    }
  });
});

describe('who answers', () => {
  it('a paused conversation gets no reply; the message still counts as unread', async () => {
    const chat = 7005;
    await fx.deliver(textUpdate(chat, 'Первое'));
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    await db.query(`update conversations set status = 'paused', paused_by = 'human' where id = $1`, [conv.id]);
    await db.query(`update due_work set state = 'cancelled' where subject = $1 and state = 'pending'`, [`conversation:${conv.id}`]);
    await fx.deliver(textUpdate(chat, 'Второе'));
    await fx.drain();
    expect(await pendingDue(db, fx.workspaceId, 'conversation.reply')).toEqual([]);
    fx.clock.advance(120 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)] ?? []).toEqual([]);
    expect((await conversationOfChat(db, fx.workspaceId, chat)).unread_count).toBe(2);
  });

  it('no active agent covers the conversation: it waits for a human (needs_human_since), no reply', async () => {
    const chat = 7006;
    await db.query(`update agents set is_active = false where id = $1`, [fx.agentId]);
    try {
      await fx.deliver(textUpdate(chat, 'Есть кто-нибудь?'));
      await fx.drain();
      const conv = await conversationOfChat(db, fx.workspaceId, chat);
      expect(conv.needs_human_since).not.toBeNull();
      expect(await pendingDue(db, fx.workspaceId, 'conversation.reply')).toEqual([]);
      fx.clock.advance(120 * S);
      await fx.drain();
      expect(fx.tg.sent[String(chat)] ?? []).toEqual([]);
    } finally {
      await db.query(`update agents set is_active = true where id = $1`, [fx.agentId]);
    }
  });
});

describe('voice', () => {
  it('a voice message is downloaded, stored, transcribed, and the agent answers the transcript', async () => {
    const chat = 7007;
    fx.tg.setFile('voice-1', new Uint8Array([79, 103, 103, 83, 1, 2, 3, 4]), 'voice/file_7.oga');
    fx.ai.setTranscript('Сколько стоит замена экрана на Samsung?');
    await fx.deliver(voiceUpdate(chat, 'voice-1', 4));
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    const [msg] = await messagesOf(db, conv.id);
    expect(msg.content).toBe('Сколько стоит замена экрана на Samsung?');
    expect(msg.attachments).toEqual([
      expect.objectContaining({ kind: 'voice', mime_type: 'audio/ogg', duration_seconds: 4, transcript: 'Сколько стоит замена экрана на Samsung?', key: expect.stringMatching(/^channels\//) }),
    ]);
    const upload = fx.ai.requests.find((r) => r.path === '/v1/audio/transcriptions')!;
    expect(upload.body).toMatchObject({ model: 'whisper-1', file: expect.objectContaining({ filename: 'file_7.ogg' }) });
    fx.clock.advance(30 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ: Сколько стоит замена экрана на Samsung?']);
  });
});
