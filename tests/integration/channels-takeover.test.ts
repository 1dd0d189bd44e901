// Human takeover (issue 9): an operator's reply with stop_on_human_reply, or POST …/takeover,
// pauses the agent for that member until auto_resume_after; the pending agent reply is
// cancelled; another human reply pushes the resume time; the agent resumes by itself only
// then, and answers what the customer wrote meanwhile; POST …/resume hands back at once. A
// takeover while a reply is being generated discards that reply. Other workspaces and
// viewers cannot take over. Clock-driven due work, fake Telegram and fake OpenAI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { withActor, type MemberActor } from '@/lib/db/actor';
import { sendHumanMessage } from '@/lib/crm/messages/send-human-message';
import { takeOverConversation } from '@/lib/channels/takeover/take-over-conversation';
import { describeHolder } from '@/lib/channels/takeover/describe-holder';
import { addMember } from './agents-fixtures';
import { channelsFixture, conversationOfChat, installReplyScript, messagesOf, pendingDue, textUpdate, type ChannelsFixture } from './channels-fixtures';

let db: Database;
let fx: ChannelsFixture;
let owner: MemberActor;
const S = 1000;
const MIN = 60 * S;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await channelsFixture(db, { delaySeconds: 30 });
  owner = { kind: 'user', userId: fx.owner.userId, workspaceId: fx.workspaceId, role: 'owner' };
  await db.query(`update workspaces set stop_on_human_reply = true, auto_resume_after = 30, auto_resume_unit = 'минут' where id = $1`, [fx.workspaceId]);
  installReplyScript(fx.ai);
});
afterAll(async () => {
  await fx.close();
  await teardownTestDatabase();
});

const holderOf = (id: string) => withActor(owner, async (tx) => (await describeHolder(tx, owner, [id])).get(id)!);
const eventsOf = async (id: string) =>
  (await db.query<{ event_type: string }>(`select event_type from crm_events where conversation_id = $1 order by created_at, id`, [id])).map((e) => e.event_type);

describe('takeover by an operator reply, auto-resume', () => {
  it('pauses for the member, cancels the pending reply, is pushed by a second reply, resumes and answers what waited', async () => {
    const chat = 8001;
    await fx.deliver(textUpdate(chat, 'Хочу записаться на ремонт'));
    await fx.drain();
    const t0 = fx.clock.now().getTime();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    expect((await holderOf(conv.id)).reply_at).not.toBeNull();

    await sendHumanMessage(owner, conv.id, { content: 'Здравствуйте! Я менеджер, помогу с записью.' }, { now: fx.clock.now() });
    let c = await conversationOfChat(db, fx.workspaceId, chat);
    expect(c).toMatchObject({ status: 'paused', paused_by: 'human' });
    expect(new Date(c.resume_at!).getTime()).toBe(t0 + 30 * MIN);
    expect(await holderOf(conv.id)).toMatchObject({ kind: 'human', user_id: fx.owner.userId, until: new Date(t0 + 30 * MIN).toISOString(), reply_at: null });
    expect((await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${conv.id}`)).toEqual([]);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toEqual(['Здравствуйте! Я менеджер, помогу с записью.']);

    // The customer answers the human: the agent stays quiet.
    fx.clock.advance(5 * MIN);
    await fx.deliver(textUpdate(chat, 'Завтра в 11 удобно?'));
    await fx.drain();
    fx.clock.advance(5 * MIN);
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toHaveLength(1);

    // A second human reply at +20 min pushes the resume to +50 min.
    fx.clock.set(new Date(t0 + 20 * MIN));
    await sendHumanMessage(owner, conv.id, { content: 'Уточню у мастера и напишу.' }, { now: fx.clock.now() });
    c = await conversationOfChat(db, fx.workspaceId, chat);
    expect(new Date(c.resume_at!).getTime()).toBe(t0 + 50 * MIN);
    const [resume] = (await pendingDue(db, fx.workspaceId, 'conversation.resume')).filter((d) => d.subject === `conversation:${conv.id}`);
    expect(new Date(resume.due_at).getTime()).toBe(t0 + 50 * MIN);
    fx.clock.set(new Date(t0 + 31 * MIN));
    await fx.drain();
    expect((await conversationOfChat(db, fx.workspaceId, chat)).status).toBe('paused');
    expect(fx.tg.sent[String(chat)]).toHaveLength(2);

    // Resume time: the agent is back.
    fx.clock.set(new Date(t0 + 50 * MIN));
    await fx.drain();
    c = await conversationOfChat(db, fx.workspaceId, chat);
    expect(c).toMatchObject({ status: 'active', paused_by: null, resume_at: null });
    expect(await holderOf(conv.id)).toMatchObject({ kind: 'agent', until: null });
    const events = await eventsOf(conv.id);
    expect(events.filter((e) => e === 'dialog_paused')).toHaveLength(1);
    expect(events.filter((e) => e === 'dialog_resumed')).toHaveLength(1);
    // The customer's "Завтра в 11" came before the second human reply: answered by a human.
    expect(await pendingDue(db, fx.workspaceId, 'conversation.reply')).toEqual([]);
    fx.clock.advance(MIN);
    await fx.deliver(textUpdate(chat, 'Спасибо, жду'));
    await fx.drain();
    fx.clock.advance(30 * S);
    await fx.drain();
    expect(fx.tg.sent[String(chat)].at(-1)).toBe('Ответ: Хочу записаться на ремонт | Завтра в 11 удобно? | Спасибо, жду');
    expect(fx.tg.sent[String(chat)]).toHaveLength(3);
  });
});

describe('takeover and hand back through the API', () => {
  it('POST /takeover holds it for the member; POST /resume hands back and schedules a reply to what is unanswered', async () => {
    const chat = 8002;
    await fx.deliver(textUpdate(chat, 'Подскажите цену'));
    await fx.drain();
    const conv = await conversationOfChat(db, fx.workspaceId, chat);
    const res = await api('POST', `/api/conversations/${conv.id}/takeover`, { token: fx.owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversation).toMatchObject({ id: conv.id, status: 'paused', paused_by: 'human' });
    expect(res.body.holder).toMatchObject({ kind: 'human', user_id: fx.owner.userId, reply_at: null, reason: 'takeover' });
    expect((await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${conv.id}`)).toEqual([]);
    const [audit] = await db.query<{ action: string }>(`select action from audit_log where entity_id = $1 and action = 'takeover_conversation'`, [conv.id]);
    expect(audit).toBeTruthy();

    const back = await api('POST', `/api/conversations/${conv.id}/resume`, { token: fx.owner.token });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.conversation).toMatchObject({ status: 'active', paused_by: null });
    expect((await pendingDue(db, fx.workspaceId, 'conversation.resume')).filter((d) => d.subject === `conversation:${conv.id}`)).toEqual([]);
    const [due] = (await pendingDue(db, fx.workspaceId, 'conversation.reply')).filter((d) => d.subject === `conversation:${conv.id}`);
    expect(due).toBeTruthy();
    fx.clock.set(new Date(Math.max(fx.clock.now().getTime(), new Date(due.due_at).getTime())));
    await fx.drain();
    expect(fx.tg.sent[String(chat)]).toEqual(['Ответ: Подскажите цену']);
  });

  it('with auto_resume_after 0 the agent waits until handed back; a closed dialog is 409; viewers and other workspaces cannot', async () => {
    const chat = 8003;
    await db.query(`update workspaces set auto_resume_after = 0 where id = $1`, [fx.workspaceId]);
    try {
      await fx.deliver(textUpdate(chat, 'Алло'));
      await fx.drain();
      const conv = await conversationOfChat(db, fx.workspaceId, chat);
      const viewer = await addMember(db, fx.owner, 'viewer');
      expect((await api('POST', `/api/conversations/${conv.id}/takeover`, { token: viewer.token, headers: viewer.headers })).status).toBe(403);
      const other = await registerUser({ company_name: 'Чужая компания' });
      expect((await api('POST', `/api/conversations/${conv.id}/takeover`, { token: other.token })).status).toBe(404);
      expect((await conversationOfChat(db, fx.workspaceId, chat)).status).toBe('active');

      const res = await api('POST', `/api/conversations/${conv.id}/takeover`, { token: fx.owner.token });
      expect(res.body.holder).toMatchObject({ kind: 'human', until: null });
      expect((await pendingDue(db, fx.workspaceId, 'conversation.resume')).filter((d) => d.subject === `conversation:${conv.id}`)).toEqual([]);
      fx.clock.advance(400 * 24 * 60 * MIN);
      await fx.drain();
      expect((await conversationOfChat(db, fx.workspaceId, chat)).status).toBe('paused');

      await db.query(`update conversations set status = 'closed' where id = $1`, [conv.id]);
      const closed = await api('POST', `/api/conversations/${conv.id}/takeover`, { token: fx.owner.token });
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('conversation_closed');
    } finally {
      await db.query(`update workspaces set auto_resume_after = 30 where id = $1`, [fx.workspaceId]);
    }
  });

  it('a takeover while the reply is being generated discards that reply (taken_over)', async () => {
    const chat = 8004;
    let conversationId = '';
    installReplyScript(fx.ai, async () => {
      if (conversationId) await takeOverConversation(owner, conversationId, { now: fx.clock.now() });
    });
    try {
      await fx.deliver(textUpdate(chat, 'Нужна консультация'));
      await fx.drain();
      conversationId = (await conversationOfChat(db, fx.workspaceId, chat)).id;
      fx.clock.advance(30 * S);
      await fx.drain();
      const agent = (await messagesOf(db, conversationId)).filter((m) => m.role === 'agent');
      expect(agent).toHaveLength(1);
      expect(agent[0]).toMatchObject({ status: 'rejected', metadata: expect.objectContaining({ superseded: true, reason: 'taken_over' }) });
      expect(fx.tg.sent[String(chat)] ?? []).toEqual([]);
    } finally {
      installReplyScript(fx.ai);
    }
  });
});
