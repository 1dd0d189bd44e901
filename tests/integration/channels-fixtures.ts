// Shared set-up for the channel-path tests (not a test file itself): the runtime fixture's
// workspace and agent, a fake Telegram and a fake OpenAI on 127.0.0.1, a Telegram connection
// stored as the connect endpoint stores it, raw updates stored as the webhook stores them,
// and a clock the due-work runner reads (tests move it; nothing sleeps).
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server';
import { runtimeFixture, type RuntimeFixture } from './runtime-fixtures';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { forgetWorkspaceAiKeys } from '@/lib/ai/provider/provider-config';
import { forgetKbLanguages } from '@/lib/runtime/rewrite-query';
import { systemActor, withActor, type SystemActor } from '@/lib/db/actor';
import { saveIntegration } from '@/lib/integrations/secrets';
import { storeChannelUpdate } from '@/lib/channels/inbound/store-update';
import { registerDueHandlers } from '@/lib/jobs/due-work/register-due-handlers';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { CHANNELS_ACTOR } from '@/lib/channels/types';

export interface ChannelsFixture extends RuntimeFixture {
  tg: FakeTelegram;
  ai: FakeOpenAI;
  channels: SystemActor;
  telegramId: string;
  clock: { now: () => Date; advance: (ms: number) => Date; set: (d: Date) => void };
  /** Stores a raw Telegram update like the webhook route (idempotent by update_id). */
  deliver: (update: Record<string, unknown>) => Promise<{ id: string | null; duplicate: boolean }>;
  /** Runs due work at the clock's time until nothing more is due (returns items run). */
  drain: () => Promise<number>;
  close: () => Promise<void>;
}

export function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  forgetWorkspaceAiKeys();
}

let updateSeq = 1000;
let messageSeq = 1;

/** A Telegram text update from a private chat (integration-facts §1). */
export function textUpdate(chatId: number, text: string, from: { first_name?: string; username?: string } = {}): Record<string, unknown> {
  const id = updateSeq++;
  return {
    update_id: id,
    message: {
      message_id: messageSeq++,
      date: Math.floor(Date.now() / 1000),
      from: { id: chatId, is_bot: false, first_name: from.first_name ?? 'Айгерим', ...(from.username ? { username: from.username } : {}) },
      chat: { id: chatId, type: 'private' },
      text,
    },
  };
}

export function voiceUpdate(chatId: number, fileId: string, duration = 3): Record<string, unknown> {
  return {
    update_id: updateSeq++,
    message: {
      message_id: messageSeq++,
      date: Math.floor(Date.now() / 1000),
      from: { id: chatId, is_bot: false, first_name: 'Бауыржан' },
      chat: { id: chatId, type: 'private' },
      voice: { file_id: fileId, file_unique_id: `u-${fileId}`, duration, mime_type: 'audio/ogg' },
    },
  };
}

/** The fake model: query rewrites answer with no queries; replies quote every customer message of the request. */
export function installReplyScript(ai: FakeOpenAI, before?: (body: any) => Promise<void> | void) {
  ai.setChatScript(async (body, headers) => {
    if (headers['x-agent-purpose'] === 'rewrite_query') return { content: JSON.stringify({ queries: [] }) };
    if (headers['x-agent-purpose'] && headers['x-agent-purpose'] !== 'reply') return { content: '{}' };
    await before?.(body);
    const users = (body.messages as { role: string; content: string }[]).filter((m) => m.role === 'user').map((m) => m.content.replace(/<\/?untrusted_data[^>]*>/g, '').trim());
    return { content: `Ответ: ${users.join(' | ')}` };
  });
}

export async function channelsFixture(db: Database, opts: { delaySeconds?: number; companyName?: string } = {}): Promise<ChannelsFixture> {
  const tg = await startFakeTelegram();
  const ai = await startFakeOpenAI({ apiKey: 'sk-test' });
  setEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: ai.url, TELEGRAM_API_URL: tg.url });
  forgetKbLanguages();
  const fx = await runtimeFixture(db, { companyName: opts.companyName ?? 'Каналы KZ' });
  await db.query(`update agents set response_delay_seconds = $2 where id = $1`, [fx.agentId, opts.delaySeconds ?? 30]);
  const channels = systemActor(CHANNELS_ACTOR, fx.workspaceId);
  // As the connect endpoint does: an owner stores the connection, its secrets sealed.
  const owner = { kind: 'user' as const, userId: fx.owner.userId, workspaceId: fx.workspaceId, role: 'owner' as const };
  const { id: telegramId } = await withActor(owner, (tx) =>
    saveIntegration(tx, {
      workspaceId: fx.workspaceId,
      type: 'telegram',
      isActive: true,
      isConnected: true,
      credentials: { bot_token: tg.token, webhook_secret: 'hook-secret-0123456789' },
      config: { bot_id: Number(tg.token.split(':')[0]), bot_username: 'test_bot', mode: 'webhook' },
    }),
  );
  await db.query(`update integrations set name = 'Бот', webhook_status = 'set' where id = $1`, [telegramId]);
  await registerDueHandlers();
  let t = Date.now();
  const clock = {
    now: () => new Date(t),
    advance: (ms: number) => new Date((t += ms)),
    set: (d: Date) => {
      t = d.getTime();
    },
  };
  const deliver = (update: Record<string, unknown>) =>
    withActor(systemActor('webhook:telegram', fx.workspaceId), (tx) =>
      storeChannelUpdate(tx, { workspaceId: fx.workspaceId, integrationId: telegramId, updateKey: String(update.update_id), payload: update }),
    );
  const drain = async () => {
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const r = await runDueWork({ now: clock.now, limit: 20 });
      total += r.claimed;
      if (!r.claimed) break;
    }
    return total;
  };
  return {
    ...fx,
    tg,
    ai,
    channels,
    telegramId,
    clock,
    deliver,
    drain,
    close: async () => {
      setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, TELEGRAM_API_URL: undefined });
      await tg.close();
      await ai.close();
    },
  };
}

/** The conversation a Telegram chat landed in. */
export async function conversationOfChat(db: Database, workspaceId: string, chatId: number) {
  const [row] = await db.query<{ id: string; status: string; agent_id: string | null; unread_count: number; needs_human_since: Date | null; paused_by: string | null; resume_at: Date | null; integration_id: string | null; channel_id: string | null }>(
    `select id, status, agent_id, unread_count, needs_human_since, paused_by, resume_at, integration_id, channel_id from conversations
     where workspace_id = $1 and channel_type = 'telegram' and channel_id = $2`,
    [workspaceId, String(chatId)],
  );
  return row;
}

export async function messagesOf(db: Database, conversationId: string) {
  return db.query<{ id: string; role: string; status: string; content: string; error: string | null; metadata: any; turn: any; external_message_id: string | null; attachments: any[] }>(
    `select id, role, status, content, error, metadata, turn, external_message_id, attachments from messages where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
}

export async function pendingDue(db: Database, workspaceId: string, kind: string) {
  return db.query<{ subject: string; due_at: Date; state: string }>(
    `select subject, due_at, state from due_work where workspace_id = $1 and kind = $2 and state = 'pending' order by due_at`,
    [workspaceId, kind],
  );
}
