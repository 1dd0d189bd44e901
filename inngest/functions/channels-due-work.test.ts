// The production path of the channel's due work under @inngest/test: the run-due-work function
// sleeps until the item's time (mocked step), then claims the same row and runs the channel
// handler — a customer's Telegram message gets the agent's reply through the fake Telegram.
// Runs are keyed by workspace and by subject (one conversation's work never runs side by side).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InngestTestEngine } from '@inngest/test';
import { setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import { channelsFixture, conversationOfChat, installReplyScript, textUpdate, type ChannelsFixture } from '@/tests/integration/channels-fixtures';
import type { Database } from '@/lib/db/client';
import { runDueWorkFn } from './run-due-work';

let db: Database;
let fx: ChannelsFixture;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 0 });
  installReplyScript(fx.ai);
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

async function wake(kind: string, subject: string) {
  const [item] = await db.query<{ id: string; workspace_id: string; due_at: Date }>(
    `select id, workspace_id, due_at from due_work where kind = $1 and subject = $2 and state = 'pending'`,
    [kind, subject],
  );
  expect(item, `${kind} ${subject} pending`).toBeTruthy();
  const t = new InngestTestEngine({ function: runDueWorkFn });
  const run = await t.execute({
    events: [{ name: 'jobs/due-work.scheduled', data: { workspace_id: item.workspace_id, id: item.id, due_at: new Date(item.due_at).toISOString(), kind, subject } }],
    steps: [{ id: 'wait-until-due', handler: () => undefined }],
  });
  expect(run.ctx.step.sleepUntil).toHaveBeenCalledWith('wait-until-due', new Date(item.due_at));
  return run.result as { claimed: number; done: number };
}

describe('run-due-work for the channel kinds', () => {
  it('update → reply → delivery, each woken by its event: the customer gets the reply once', async () => {
    const chat = 9501;
    const { id: updateId } = await fx.deliver(textUpdate(chat, 'Сколько стоит чехол?'));
    expect(await wake('channel.update', `update:${updateId}`)).toMatchObject({ claimed: 1, done: 1 });
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    expect(await wake('conversation.reply', `conversation:${conv.id}`)).toMatchObject({ claimed: 1, done: 1 });
    const [reply] = await db.query<{ id: string }>(`select id from messages where conversation_id = $1 and role = 'agent'`, [conv.id]);
    expect(await wake('message.deliver', `message:${reply.id}`)).toMatchObject({ claimed: 1, done: 1 });
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ: Сколько стоит чехол?']);
  });

  it('is keyed by workspace and by the item’s subject (conversation or message)', () => {
    const opts = (runDueWorkFn as unknown as { opts: { concurrency: { key: string; limit: number }[]; retries: number } }).opts;
    expect(opts.concurrency).toEqual([
      { key: 'event.data.workspace_id', limit: 5 },
      { key: expect.stringContaining('event.data.subject'), limit: 1 },
    ]);
  });
});
