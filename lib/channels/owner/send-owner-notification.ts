// The 'notification.telegram' due work: the notification (Russian title, description and a
// link into the dashboard) to every linked chat of the members it is addressed to, through
// the workspace's bot. A chat that blocked the bot (or is gone) is unlinked; a chat that
// failed for a passing reason is retried — the whole item when nothing went out, otherwise a
// follow-up item for the failed chats only, so nobody gets the message twice.
import { sql } from 'drizzle-orm';
import { appUrl } from '@/lib/env';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import type { DueHandlerContext } from '@/lib/jobs/due-work/handlers';
import { backoffMs } from '@/lib/jobs/due-work/run-due-work';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { logger } from '@/lib/log/logger';
import { channelAdapter } from '../registry';
import { ChannelSendError, CHANNEL_DUE_KINDS, CHANNELS_ACTOR } from '../types';
import { loadTelegramBotWithSecrets } from './load-telegram-bot';
import { TELEGRAM_NOTIFICATION_TYPES, type OwnerNotificationPayload } from './schedule-owner-notification';

const MAX_FOLLOW_UPS = 4;
const ICONS: Record<string, string> = {
  new_lead: '🆕',
  draft_pending: '📝',
  handover_requested: '🙋',
  agent_error: '⚠️',
  quota_exceeded: '⛔',
};

export function formatOwnerNotification(p: OwnerNotificationPayload, slug: string): string {
  const link = `${appUrl().replace(/\/+$/, '')}/w/${slug}${p.action_url && p.action_url.startsWith('/') ? p.action_url : ''}`;
  const lines = [`${ICONS[p.type] ?? '🔔'} ${p.title}`];
  if (p.description) lines.push(p.description.slice(0, 3000));
  lines.push('', `Открыть: ${link}`);
  return lines.join('\n');
}

const BLOCKED = new Set(['blocked', 'chat_not_found']);

export async function sendOwnerNotification(ctx: DueHandlerContext): Promise<void> {
  const p = ctx.item.payload as unknown as OwnerNotificationPayload;
  if (!p || !TELEGRAM_NOTIFICATION_TYPES.includes(p.type) || typeof p.title !== 'string') return;
  const actor = systemActor(CHANNELS_ACTOR, ctx.workspaceId);
  const plan = await withActor(actor, async (tx) => {
    const bot = await loadTelegramBotWithSecrets(tx, actor);
    if (!bot?.conn.isActive || !bot.conn.isConnected) return null;
    const [ws] = await queryRows<{ slug: string }>(tx, sql`select slug from public.workspaces where id = ${ctx.workspaceId}::uuid`);
    const targets = await queryRows<{ id: string; chat_id: string }>(
      tx,
      sql`select l.id, l.chat_id from public.telegram_owner_links l
          join public.memberships m on m.workspace_id = l.workspace_id and m.user_id = l.user_id
          where l.workspace_id = ${ctx.workspaceId}::uuid and l.chat_id is not null
            and (${p.user_id ?? null}::uuid is null or l.user_id = ${p.user_id ?? null}::uuid)
          order by l.linked_at`,
    );
    return { bot, slug: ws?.slug ?? '', targets };
  });
  if (!plan) return;
  const targets = Array.isArray(p.chat_ids) ? plan.targets.filter((t) => p.chat_ids!.includes(t.chat_id)) : plan.targets;
  if (!targets.length) return;

  const adapter = await channelAdapter('telegram');
  const text = formatOwnerNotification(p, plan.slug);
  let sent = 0;
  const unlink: string[] = [];
  const failed: { chatId: string; retryAfter: number | null; message: string }[] = [];
  for (const t of targets) {
    try {
      await adapter.send(plan.bot.conn, plan.bot.secrets, { chatId: t.chat_id, text });
      sent++;
    } catch (err) {
      if (err instanceof ChannelSendError && BLOCKED.has(err.code)) unlink.push(t.id);
      else if (err instanceof ChannelSendError && err.permanent) {
        logger.warn({ workspace_id: ctx.workspaceId, code: err.code }, 'owner notification not sent (permanent)');
      } else {
        failed.push({
          chatId: t.chat_id,
          retryAfter: err instanceof ChannelSendError ? (err.retryAfterSeconds ?? null) : null,
          message: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }
  if (unlink.length) {
    await withActor(actor, (tx) =>
      tx.execute(sql`update public.telegram_owner_links
          set chat_id = null, chat_username = null, linked_at = null, updated_at = now()
          where id in (${sql.join(unlink.map((id) => sql`${id}::uuid`), sql`, `)})`),
    );
  }
  if (!failed.length) return;
  // Nothing reached anyone: the runner retries the item (its backoff and attempt limit).
  if (sent === 0 && unlink.length === 0) throw new Error(`owner notification not sent: ${failed[0].message}`);
  const retry = (p.retry ?? 0) + 1;
  if (retry > MAX_FOLLOW_UPS) return;
  const waitMs = Math.max(backoffMs(retry), Math.max(...failed.map((f) => (f.retryAfter ?? 0) * 1000)));
  await withActor(actor, (tx) =>
    scheduleDueWork(tx, {
      workspaceId: ctx.workspaceId,
      kind: CHANNEL_DUE_KINDS.ownerNotify,
      subject: `notification:${p.notification_id}`,
      dueAt: new Date(ctx.now.getTime() + waitMs),
      payload: { ...p, chat_ids: failed.map((f) => f.chatId), retry },
      maxAttempts: 5,
    }),
  );
}
