// 'message.deliver' [message:<id>]: send one outbound message through its conversation's
// channel, claimed once by the due-work layer. Web chat and the test chat have no provider:
// the message is sent once stored. Otherwise, outside any transaction: the connection and its
// secrets, the 24-hour rule (WhatsApp), a 'sending' mark on the message (attempt, time)
// committed BEFORE the provider call, the call, then the outcome on the message — sent (with
// the provider's ids) or failed with an error the inbox shows and a retry button uses.
// Retryable failures (429 retry_after, network, 5xx) come back at the provider's time (never
// earlier than the backoff); permanent ones or exhausted attempts fail the message.
import { and, eq, sql } from 'drizzle-orm';
import { systemActor, withActor, type SystemActor } from '@/lib/db/actor';
import { conversations, messages } from '@/lib/db/schema/crm';
import { integrations } from '@/lib/db/schema/integrations';
import { createNotification } from '@/lib/notifications/create-notification';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { backoffMs } from '@/lib/jobs/due-work/run-due-work';
import { logger } from '@/lib/log/logger';
import { channelAdapter } from '../registry';
import { ChannelSendError, CHANNEL_DUE_KINDS, CHANNELS_ACTOR, type ChannelConnection, type ChannelSecrets } from '../types';
import { loadConnection as readChannelConnection } from '../connections/load-connection';
import { DELIVERY_MAX_ATTEMPTS, deliversThroughProvider } from './schedule-delivery';
import { scrubSecrets } from './scrub-secrets';

export interface DeliverOptions {
  now: Date;
  /** This run's attempt number, counted across reschedules (1 = first). */
  attempt: number;
  maxAttempts?: number;
}

export type DeliveryOutcome =
  | { result: 'sent'; externalMessageIds: string[] }
  | { result: 'failed'; code: string }
  | { result: 'retry'; at: Date; code: string }
  | { result: 'skipped'; reason: string };

interface Loaded {
  id: string;
  conversationId: string;
  clientId: string;
  role: string;
  status: string;
  content: string;
  metadata: Record<string, unknown>;
  channelType: string;
  chatId: string | null;
  integrationId: string | null;
  lastInboundAt: Date | null;
}

/** The Russian text kept on the message (the inbox translates by `metadata.delivery.code`). */
const ERROR_TEXT: Record<string, string> = {
  window_closed: 'Прошло больше 24 часов с последнего сообщения клиента: WhatsApp не принимает свободный ответ (нужен шаблон).',
  channel_disconnected: 'Канал отключён или удалён: сообщение не отправлено.',
  no_chat: 'У диалога нет чата в канале: сообщение не отправлено.',
};

async function load(actor: SystemActor, messageId: string): Promise<Loaded | null> {
  return withActor(actor, async (tx) => {
    const [row] = await tx
      .select({
        id: messages.id,
        conversationId: messages.conversationId,
        clientId: conversations.clientId,
        role: messages.role,
        status: messages.status,
        content: messages.content,
        metadata: messages.metadata,
        channelType: conversations.channelType,
        chatId: conversations.channelId,
        integrationId: conversations.integrationId,
        lastInboundAt: conversations.lastInboundAt,
      })
      .from(messages)
      .innerJoin(conversations, and(eq(conversations.id, messages.conversationId), eq(conversations.workspaceId, messages.workspaceId)))
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, messageId)));
    return row ?? null;
  });
}

export async function deliverMessage(workspaceId: string, messageId: string, opts: DeliverOptions): Promise<DeliveryOutcome> {
  const actor = systemActor(CHANNELS_ACTOR, workspaceId);
  const msg = await load(actor, messageId);
  // Sent already, failed, rejected (superseded) or gone: nothing to do.
  if (!msg || msg.status !== 'queued') return { result: 'skipped', reason: msg ? `status_${msg.status}` : 'not_found' };

  if (!deliversThroughProvider(msg.channelType)) {
    await markSent(actor, msg, [], opts.now, null);
    return { result: 'sent', externalMessageIds: [] };
  }
  if (!msg.chatId) return fail(actor, msg, 'no_chat', ERROR_TEXT.no_chat, null, opts);

  const found = msg.integrationId ? await withActor(actor, (tx) => readChannelConnection(tx, actor, msg.integrationId!)) : null;
  if (!found || !found.conn.isActive) return fail(actor, msg, 'channel_disconnected', ERROR_TEXT.channel_disconnected, null, opts);
  const { conn, secrets } = found;
  const adapter = await channelAdapter(conn.type);

  if (adapter.canSendFreeForm && !adapter.canSendFreeForm(msg.lastInboundAt, opts.now)) {
    return fail(actor, msg, 'window_closed', ERROR_TEXT.window_closed, conn, opts);
  }

  // The mark goes in before the call: a run that dies after it and before the outcome leaves
  // a trace the next attempt sees (it then sends again: a lost reply is worse than a repeat).
  const previous = (msg.metadata.delivery ?? null) as { attempt?: number; state?: string } | null;
  const resumedAfterCrash = previous?.state === 'sending';
  await withActor(actor, (tx) =>
    tx
      .update(messages)
      .set({
        metadata: sql`${messages.metadata} || jsonb_build_object('delivery', jsonb_build_object('state', 'sending', 'attempt', ${opts.attempt}::int, 'started_at', ${opts.now.toISOString()}::text, 'after_crash', ${resumedAfterCrash}::boolean))`,
      })
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId), eq(messages.status, 'queued'))),
  );

  try {
    // Parts of a split reply an earlier attempt (in any process) delivered before it failed.
    const delivered = Array.isArray(msg.metadata.delivered_parts) ? msg.metadata.delivered_parts.filter((x): x is string => typeof x === 'string') : [];
    const sent = await adapter.send(conn, secrets, { chatId: msg.chatId, text: msg.content, alreadySent: delivered });
    await markSent(actor, msg, sent.externalMessageIds, opts.now, conn.id);
    return { result: 'sent', externalMessageIds: sent.externalMessageIds };
  } catch (err) {
    const e =
      err instanceof ChannelSendError
        ? err
        : new ChannelSendError('network', scrubSecrets(String((err as Error)?.message ?? err), secrets), {});
    const text = scrubSecrets(e.message || e.code, secrets);
    if (e.delivered.length) await keepDeliveredParts(actor, msg.id, e.delivered);
    const max = opts.maxAttempts ?? DELIVERY_MAX_ATTEMPTS;
    if (e.permanent || opts.attempt >= max) return fail(actor, msg, e.code, text, conn, opts, secrets);
    const waitMs = Math.max((e.retryAfterSeconds ?? 0) * 1000, backoffMs(opts.attempt));
    const at = new Date(opts.now.getTime() + waitMs);
    await withActor(actor, async (tx) => {
      await tx
        .update(messages)
        .set({
          metadata: sql`${messages.metadata} || jsonb_build_object('delivery', jsonb_build_object('state', 'retrying', 'attempt', ${opts.attempt}::int, 'code', ${e.code}::text, 'retry_at', ${at.toISOString()}::text))`,
        })
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
      await scheduleDueWork(tx, {
        workspaceId,
        kind: CHANNEL_DUE_KINDS.deliver,
        subject: `message:${messageId}`,
        dueAt: at,
        payload: { attempt: opts.attempt },
        maxAttempts: DELIVERY_MAX_ATTEMPTS,
      });
    });
    logger.warn({ message_id: messageId, code: e.code, attempt: opts.attempt, retry_at: at.toISOString() }, 'channel send failed; will retry');
    return { result: 'retry', at, code: e.code };
  }
}

/** What went out of a split reply before it failed: the next attempt, any process, sends the rest. */
async function keepDeliveredParts(actor: SystemActor, messageId: string, ids: string[]): Promise<void> {
  await withActor(actor, (tx) =>
    tx
      .update(messages)
      .set({ metadata: sql`${messages.metadata} || jsonb_build_object('delivered_parts', ${JSON.stringify(ids)}::jsonb)` })
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, messageId))),
  );
}

async function markSent(actor: SystemActor, msg: Loaded, ids: string[], now: Date, integrationId: string | null): Promise<void> {
  await withActor(actor, async (tx) => {
    await tx
      .update(messages)
      .set({
        status: 'sent',
        isSent: true,
        sentAt: now,
        error: null,
        externalMessageId: ids[0] ?? null,
        metadata: sql`(${messages.metadata} - 'delivered_parts') || jsonb_build_object('delivery', jsonb_build_object('state', 'sent', 'external_message_ids', ${JSON.stringify(ids)}::jsonb))`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, msg.id), eq(messages.status, 'queued')));
    if (integrationId) {
      await tx.update(integrations).set({ lastOutboundAt: now }).where(and(eq(integrations.workspaceId, actor.workspaceId), eq(integrations.id, integrationId)));
    }
  });
}

async function fail(
  actor: SystemActor,
  msg: Loaded,
  code: string,
  text: string,
  conn: ChannelConnection | null,
  opts: DeliverOptions,
  secrets?: ChannelSecrets,
): Promise<DeliveryOutcome> {
  const error = scrubSecrets(text, secrets);
  await withActor(actor, async (tx) => {
    await tx
      .update(messages)
      .set({
        status: 'failed',
        isSent: false,
        error,
        metadata: sql`${messages.metadata} || jsonb_build_object('delivery', jsonb_build_object('state', 'failed', 'code', ${code}::text, 'attempt', ${opts.attempt}::int))`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, msg.id), eq(messages.status, 'queued')));
    if (conn) {
      await tx
        .update(integrations)
        .set({ lastError: `${code}: ${error}`.slice(0, 1000), lastErrorAt: opts.now })
        .where(and(eq(integrations.workspaceId, actor.workspaceId), eq(integrations.id, conn.id)));
    }
    await createNotification(actor, {
      type: 'agent_error',
      title: code === 'window_closed' ? 'Ответ не отправлен: окно 24 часа WhatsApp закрыто' : 'Сообщение не доставлено клиенту',
      description: error,
      actionText: 'Открыть диалог',
      actionUrl: `/conversations?conversation=${msg.conversationId}`,
      data: { conversation_id: msg.conversationId, message_id: msg.id, code, delivery: true },
    });
  });
  logger.warn({ message_id: msg.id, code }, 'channel send failed for good');
  return { result: 'failed', code };
}
