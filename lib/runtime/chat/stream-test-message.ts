// The SSE form of POST /api/chat/send: `accepted` once the customer message is stored, then the
// runtime's `status` and `delta` events as they happen, then `done` (TurnResponse) or `error`.
// Each event is enqueued on its own so it leaves at once; a client that goes away aborts the
// turn. Failures before `accepted` (validation, unknown agent) stay plain HTTP errors.
import { errorBody, toAppError } from '@/lib/api/errors';
import { loggableError } from '@/lib/api/error-response';
import { logger } from '@/lib/log/logger';
import type { WorkspaceActor } from '@/lib/db/actor';
import { sendTestMessage } from './send-test-message';
import type { SendTestMessageInput } from './schemas';

export function wantsEventStream(req: Request): boolean {
  return (req.headers.get('accept') ?? '').toLowerCase().includes('text/event-stream');
}

export function streamTestMessage(req: Request, actor: WorkspaceActor, input: SendTestMessageInput, requestId?: string): Promise<Response> {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  req.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      closed = true;
      abort.abort();
    },
  });
  const send = (event: string, data: unknown) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    } catch {
      closed = true;
    }
  };
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      controller.close();
    } catch {
      /* already closed by the client */
    }
  };
  return new Promise<Response>((resolve, reject) => {
    let accepted = false;
    sendTestMessage(actor, input, {
      signal: abort.signal,
      onAccepted: (a) => {
        accepted = true;
        send('accepted', a);
        resolve(
          new Response(stream, {
            headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
          }),
        );
      },
      onEvent: (e) => (e.type === 'delta' ? send('delta', { text: e.text }) : send('status', { stage: e.stage })),
    })
      .then((result) => {
        send('done', result);
        close();
      })
      .catch((err: unknown) => {
        if (!accepted) return reject(err);
        const appErr = toAppError(err);
        if (appErr.status >= 500) logger.error({ err: loggableError(err) }, 'test chat turn failed');
        send('error', { ...errorBody(appErr, requestId), status: appErr.status });
        close();
      });
  });
}
