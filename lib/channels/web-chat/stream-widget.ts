// The visitor's live feed: server-sent events of their own conversation only, from the
// workspace's realtime log (lib/realtime/hub). Each `message` event carries a PublicMessage
// re-read from the database as the visitor may see it (a draft, a rejected or failed reply,
// another visitor's conversation or the turn trace never go out). `id:` is the log's seq, so a
// reconnecting widget resumes with Last-Event-ID (or ?after=) with no gap; `: ping` keeps
// proxies from closing the connection. With each ping the chat's connection is looked at: once it
// is switched off or removed the stream ends, and the widget's reconnect meets the 410 that
// makes it leave the page.
import { sql } from 'drizzle-orm';
import { queryRows, withActor } from '@/lib/db/actor';
import type { SystemActor } from '@/lib/jobs/jobs-tx';
import { logger } from '@/lib/log/logger';
import { subscribeRealtime, type RealtimeEvent } from '@/lib/realtime/hub';
import type { WidgetConnection } from './find-widget-connection';
import { findVisitorConversation, getPublicMessage, isPublicMessage, type PublicMessage } from './public-messages';
import { visitorIdOf } from './visitor-token';

export interface WidgetStreamOptions {
  /** Resume after this seq (Last-Event-ID); null = from now. */
  after: number | null;
  heartbeatMs?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const MESSAGE_EVENTS = new Set(['message:new', 'message:updated']);

export async function openWidgetStream(actor: SystemActor, conn: WidgetConnection, visitorToken: string, opts: WidgetStreamOptions): Promise<Response> {
  const ws = conn.workspaceId;
  const visitorId = visitorIdOf(visitorToken);
  let conversationId = await withActor(actor, (tx) => findVisitorConversation(tx, ws, visitorId));
  const encoder = new TextEncoder();
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let chain: Promise<void> = Promise.resolve();
  const shown = new Map<string, string>();

  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    if (heartbeat) clearInterval(heartbeat);
  };

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const send = (seq: number, message: PublicMessage) => write(`id: ${seq}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);

      const handle = async (ev: RealtimeEvent) => {
        if (closed) return;
        const mayBeOurs = ev.type === 'message:new' || (ev.type === 'conversation:new' && ev.payload.channel_type === 'web_chat');
        // A first message (or a closed conversation followed by a new one) makes the conversation.
        if (mayBeOurs && ev.conversation_id !== conversationId) {
          const found = await withActor(actor, (tx) => findVisitorConversation(tx, ws, visitorId));
          if (found) conversationId = found;
        }
        if (!conversationId || ev.conversation_id !== conversationId || !MESSAGE_EVENTS.has(ev.type)) return;
        const messageId = typeof ev.payload.message_id === 'string' ? ev.payload.message_id : null;
        if (!messageId) return;
        // A new draft or queued reply is not for the visitor (yet): its update will say when it is.
        if (ev.type === 'message:new' && !isPublicMessage({ role: String(ev.payload.role) as 'user', status: String(ev.payload.status) as 'sent' })) return;
        const cid = conversationId;
        const message = await withActor(actor, (tx) => getPublicMessage(tx, ws, cid, messageId));
        // Read after the fact, a row may already show what a later event announces: send each state once.
        if (!message || closed || shown.get(message.id) === message.status) return;
        shown.set(message.id, message.status);
        send(ev.seq, message);
      };

      // Queued behind the events before it, so `ready` follows the caught-up history.
      const queue = (fn: () => Promise<void> | void) => {
        chain = chain.then(fn).catch((err) => logger.warn({ err: String(err) }, 'widget stream event skipped'));
      };
      write(`retry: 3000\n: ${' '.repeat(2048)}\n\n`); // a first chunk past proxies' buffers
      unsubscribe = subscribeRealtime(
        ws,
        opts.after,
        (ev) => queue(() => handle(ev)),
        {
          // `id:` on ready: a reconnect resumes from here even when nothing of ours came yet.
          onReady: (seq) => queue(() => write(`id: ${seq}\nevent: ready\ndata: ${JSON.stringify({ conversation_id: conversationId, seq })}\n\n`)),
          // What the widget had is no longer in the log: it reloads its history.
          onReset: (seq) => queue(() => write(`id: ${seq}\nevent: reset\ndata: {}\n\n`)),
        },
      );
      const end = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const stillOn = () =>
        withActor(actor, (tx) => queryRows<{ is_active: boolean }>(tx, sql`select is_active from public.integrations where id = ${conn.id}::uuid`))
          .then(([row]) => Boolean(row?.is_active))
          .catch(() => true); // a failed look is not a switch-off
      heartbeat = setInterval(() => {
        write(': ping\n\n');
        void stillOn().then((on) => {
          if (!on && !closed) {
            write(`event: closed\ndata: {"reason":"connection_inactive"}\n\n`);
            end();
          }
        });
      }, opts.heartbeatMs ?? 15_000);
      opts.signal?.addEventListener('abort', end);
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      ...opts.headers,
    },
  });
}
