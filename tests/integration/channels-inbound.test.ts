// ingestInboundMessages (issue 9, the inbound path, step 1-2): a customer message becomes a
// client, an open deal bound to the connection and chat (new deals in the connection's
// pipeline), one message per external id — a repeated delivery creates nothing — with the
// unread count and last inbound time; then who answers: an agent covering the pipeline and
// stage gets a reply scheduled; none covers it: it waits for a human. A voice message nobody
// can transcribe (no provider) says so and waits for a human. describeHolder tells the inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { withActor } from '@/lib/db/actor';
import { ingestInboundMessages, NO_TRANSCRIPT_TEXT } from '@/lib/channels/inbound/ingest-inbound';
import { describeHolder } from '@/lib/channels/takeover/describe-holder';
import type { ChannelConnection, InboundMessage } from '@/lib/channels/types';
import { channelsFixture, messagesOf, pendingDue, setEnv, voiceUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
let conn: ChannelConnection;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 45 });
  conn = {
    id: fx.telegramId,
    workspaceId: fx.workspaceId,
    type: 'telegram',
    name: 'Бот',
    isActive: true,
    isConnected: true,
    pipelineId: null,
    publicKey: null,
    config: {},
  };
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

const msg = (chat: string, id: number, text: string, name = 'Динара'): InboundMessage => ({
  externalMessageId: `${chat}:${id}`,
  chatId: chat,
  sender: { externalId: chat, name, username: 'dinara_kz' },
  sentAt: new Date(),
  kind: 'text',
  text,
});

describe('ingestInboundMessages', () => {
  it('creates the client and deal, stores each message once, counts unread, schedules ONE reply pushed by the delay', async () => {
    const now = fx.clock.now();
    const first = await ingestInboundMessages(fx.channels, conn, [msg('5551', 1, 'Здравствуйте'), msg('5551', 2, 'Нужен ремонт')], { now });
    expect(first.created).toBe(2);
    expect(first.messageIds).toHaveLength(2);
    const [conv] = await db.query<any>(`select * from conversations where id = $1`, [first.conversationId]);
    expect(conv).toMatchObject({
      channel_type: 'telegram',
      channel_id: '5551',
      integration_id: fx.telegramId,
      pipeline_id: fx.pipelineId,
      stage_id: fx.stages.new,
      agent_id: fx.agentId,
      unread_count: 2,
      messages_count: 2,
      status: 'active',
    });
    expect(conv.last_inbound_at).not.toBeNull();
    const [client] = await db.query<{ name: string }>(`select name from clients where id = $1`, [conv.client_id]);
    expect(client.name).toBe('Динара');
    const [due] = (await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${conv.id}`);
    expect(new Date(due.due_at).getTime()).toBe(now.getTime() + 45_000);

    // The provider delivers the same messages again, plus a new one.
    const later = new Date(now.getTime() + 10_000);
    const again = await ingestInboundMessages(fx.channels, conn, [msg('5551', 2, 'Нужен ремонт'), msg('5551', 3, 'Срочно')], { now: later });
    expect(again).toMatchObject({ conversationId: conv.id, created: 1 });
    expect(again.messageIds[0]).toBe(first.messageIds[1]);
    expect((await messagesOf(db, conv.id)).map((m) => m.content)).toEqual(['Здравствуйте', 'Нужен ремонт', 'Срочно']);
    const [after] = await db.query<{ unread_count: number; messages_count: number }>(`select unread_count, messages_count from conversations where id = $1`, [conv.id]);
    expect(after).toEqual({ unread_count: 3, messages_count: 3 });
    const dues = (await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${conv.id}`);
    expect(dues).toHaveLength(1);
    expect(new Date(dues[0].due_at).getTime()).toBe(later.getTime() + 45_000);
    // A delivery with nothing new changes nothing.
    expect((await ingestInboundMessages(fx.channels, conn, [msg('5551', 3, 'Срочно')], { now: later })).created).toBe(0);

    const holder = await withActor(fx.channels, async (tx) => (await describeHolder(tx, fx.channels, [conv.id])).get(conv.id));
    expect(holder).toMatchObject({ kind: 'agent', reply_at: new Date(later.getTime() + 45_000).toISOString(), needs_human_since: null });
  });

  it("a connection bound to a pipeline opens deals there; no agent works it: the conversation waits for a human", async () => {
    const bound = { ...conn, pipelineId: fx.otherPipelineId };
    const res = await ingestInboundMessages(fx.channels, bound, [msg('5552', 1, 'Вопрос по гарантии', 'Ерлан')], { now: fx.clock.now() });
    const [conv] = await db.query<{ pipeline_id: string; stage_id: string; agent_id: string | null; needs_human_since: Date | null }>(
      `select pipeline_id, stage_id, agent_id, needs_human_since from conversations where id = $1`,
      [res.conversationId],
    );
    expect(conv).toMatchObject({ pipeline_id: fx.otherPipelineId, stage_id: fx.otherStages.open, agent_id: null });
    expect(conv.needs_human_since).not.toBeNull();
    expect((await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${res.conversationId}`)).toEqual([]);
    const holder = await withActor(fx.channels, async (tx) => (await describeHolder(tx, fx.channels, [res.conversationId!])).get(res.conversationId!));
    expect(holder).toMatchObject({ kind: 'nobody', reply_at: null, needs_human_since: expect.any(String) });
  });

  it('a voice message with no speech-to-text provider keeps the audio, says so, and waits for a human', async () => {
    setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
    try {
      fx.tg.setFile('voice-x', new Uint8Array([1, 2, 3]), 'voice/file_9.oga');
      const before = fx.ai.requests.length;
      await fx.deliver(voiceUpdate(5553, 'voice-x'));
      await fx.drain();
      const [conv] = await db.query<{ id: string; needs_human_since: Date | null }>(
        `select id, needs_human_since from conversations where channel_id = '5553'`,
      );
      const [m] = await messagesOf(db, conv.id);
      expect(m.content).toBe(NO_TRANSCRIPT_TEXT);
      expect(m.metadata.transcript_missing).toBe(true);
      expect(m.attachments).toEqual([expect.objectContaining({ kind: 'voice', key: expect.any(String) })]);
      expect(m.attachments[0].transcript).toBeUndefined();
      expect(conv.needs_human_since).not.toBeNull();
      expect(fx.ai.requests.length).toBe(before);
      expect((await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${conv.id}`)).toEqual([]);
      const [update] = await db.query<{ state: string; message_id: string }>(`select state, message_id from channel_updates where message_id = $1`, [m.id]);
      expect(update.state).toBe('processed');
    } finally {
      setEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fx.ai.url });
    }
  });

  it("another workspace's channels actor cannot ingest into this connection's workspace", async () => {
    const other = await channelsFixture(db, { companyName: 'Чужой бизнес' });
    try {
      await expect(ingestInboundMessages(other.channels, conn, [msg('5554', 1, 'Чужое')], { now: fx.clock.now() })).rejects.toThrow();
      expect(await db.query(`select 1 from conversations where channel_id = '5554'`)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
