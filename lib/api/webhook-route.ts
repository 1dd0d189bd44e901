// The wrapper for webhook route handlers (Telegram, WhatsApp, Kommo, Stripe ...). A
// webhook has no user: the URL names a connection, a narrow privileged lookup
// (app.webhook_connection, executable only by the NOLOGIN role app_webhooks) turns that
// into its workspace, and everything after runs as that workspace's system actor.
// The connection and its decrypted secrets are held in memory (refreshed after ~15 s)
// (lib/integrations/webhook-connections.ts), so a busy connection's requests skip both reads.
// The raw body is read once, as bytes, with the size limit enforced while it streams
// (413), so the sender's signature can be checked on exactly what was sent; a wrong
// signature is refused (401) before anything is stored. No per-user limiter applies;
// a per-connection flood limit does. The handler should answer fast and hand the work
// to the jobs layer: in the system actor's transaction (enqueueEvent / scheduleDueWork), or,
// with `transaction: false`, in one statement of its own (storeChannelUpdateNow).
import type { NextRequest } from 'next/server';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import type { IntegrationSecrets } from '@/lib/integrations/secrets';
import {
  findWebhookConnection,
  heldWebhookConnection,
  webhookActor,
  type WebhookConnection,
} from '@/lib/integrations/webhook-connections';
import type { SystemActor } from '@/lib/jobs/jobs-tx';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { logger } from '@/lib/log/logger';
import { runWithContext } from '@/lib/log/context';
import { AppError, notFound } from './errors';
import { errorResponse } from './error-response';
import { requestIdOf } from './request';

export { findWebhookConnection, type WebhookConnection };

type Params = Record<string, string | string[]>;
interface NextCtx {
  params: Promise<Params>;
}

export interface WebhookContext<P = Params> {
  req: NextRequest;
  params: P;
  requestId: string;
  connection: WebhookConnection;
  workspaceId: string;
  actor: SystemActor;
  /** The body exactly as received. */
  rawBody: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body as JSON; invalid JSON answers 400. */
  json(): unknown;
}

export interface VerifyInput {
  rawBody: Uint8Array;
  headers: Headers;
  secrets: IntegrationSecrets;
  connection: WebhookConnection;
}

export interface WebhookOptions<P = Params> {
  /** Connection types this route serves; another type's id answers 404. */
  types: string[];
  /** Checks the sender (secret token header, HMAC of the raw body ...). False answers 401. */
  verify: (input: VerifyInput) => boolean | Promise<boolean>;
  /** Largest body accepted, in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Requests per connection per minute in this process (default 600). */
  floodLimitPerMin?: number;
  /** Which route parameter holds the connection id (default 'connectionId'). */
  param?: keyof P & string;
  status?: number;
}

type Result = Response | object | null;

const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Reads at most maxBytes of the body while it streams; beyond that, 413 without reading on. */
export async function readRawBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError(413, 'payload_too_large', `The body exceeds ${maxBytes} bytes`);
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}

const g = globalThis as Record<string, unknown>;
const floods: Map<string, { windowStart: number; count: number }> =
  (g.__salesagentWebhookFloods as Map<string, { windowStart: number; count: number }>) ?? (g.__salesagentWebhookFloods = new Map());

function checkFlood(connectionId: string, perMin: number): void {
  const now = Date.now();
  const w = floods.get(connectionId);
  if (!w || now - w.windowStart >= 60_000) {
    floods.set(connectionId, { windowStart: now, count: 1 });
    if (floods.size > 10_000) for (const [k, v] of floods) if (now - v.windowStart >= 60_000) floods.delete(k);
    return;
  }
  if (++w.count > perMin) {
    const retry = Math.max(1, Math.ceil((w.windowStart + 60_000 - now) / 1000));
    throw new AppError(429, 'rate_limited', 'Too many webhook requests for this connection', null, { 'Retry-After': String(retry) });
  }
}

const gone = () => new AppError(410, 'connection_inactive', 'This connection is switched off');
const badSignature = () => new AppError(401, 'invalid_signature', 'The request signature is not valid');

type TxHandler<P> = (ctx: WebhookContext<P>, tx: Tx) => Promise<Result>;
type DirectHandler<P> = (ctx: WebhookContext<P>) => Promise<Result>;

/**
 * `transaction: false`: the handler runs outside any transaction (after the sender check) and
 * makes its own single statement — the hot path of a channel's updates (store-update.ts).
 * Otherwise it runs inside the workspace's system-actor transaction.
 */
export function webhookRoute<P extends Params = Params>(handler: DirectHandler<P>, opts: WebhookOptions<P> & { transaction: false }): (req: NextRequest, nextCtx?: NextCtx) => Promise<Response>;
export function webhookRoute<P extends Params = Params>(handler: TxHandler<P>, opts: WebhookOptions<P>): (req: NextRequest, nextCtx?: NextCtx) => Promise<Response>;
export function webhookRoute<P extends Params = Params>(
  handler: TxHandler<P> | DirectHandler<P>,
  opts: WebhookOptions<P> & { transaction?: boolean },
) {
  return (req: NextRequest, nextCtx?: NextCtx) => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    return runWithContext({ requestId }, async () => {
      let res: Response;
      let connectionId: string | undefined;
      try {
        const params = ((await nextCtx?.params) ?? {}) as P;
        const raw = params[opts.param ?? 'connectionId'];
        connectionId = typeof raw === 'string' ? raw : undefined;
        const known = connectionId ? await heldWebhookConnection(connectionId, opts.types) : null;
        if (!known || !opts.types.includes(known.connection.type)) throw notFound('Connection');
        if (!known.connection.isActive) throw gone();
        const found = known.connection;
        checkFlood(found.id, opts.floodLimitPerMin ?? 600);
        const rawBody = await readRawBody(req, opts.maxBytes ?? DEFAULT_MAX_BYTES);
        const connection: WebhookConnection = { id: found.id, workspaceId: found.workspaceId, type: found.type };
        const actor: SystemActor = webhookActor(connection, requestId);
        // The sender, checked before anything is written. Secrets held from an earlier request
        // may predate a reconnect (a new webhook secret): a refusal is re-checked once, fresh.
        const verified = async (secrets: IntegrationSecrets | null) =>
          Boolean(secrets) && (await opts.verify({ rawBody, headers: req.headers, secrets: secrets!, connection }));
        let ok = await verified(known.secrets);
        if (!ok && known.held) {
          const fresh = await heldWebhookConnection(found.id, opts.types, { fresh: true });
          ok = Boolean(fresh?.connection.isActive && fresh.connection.workspaceId === found.workspaceId) && (await verified(fresh!.secrets));
        }
        if (!ok) throw badSignature();
        const text = () => new TextDecoder().decode(rawBody);
        const ctx: WebhookContext<P> = {
          req,
          params,
          requestId,
          connection,
          workspaceId: found.workspaceId,
          actor,
          rawBody,
          text,
          json: () => {
            try {
              return JSON.parse(text());
            } catch {
              throw new AppError(400, 'invalid_json', 'The request body is not valid JSON');
            }
          },
        };
        let result: Result;
        if (opts.transaction === false) {
          result = await (handler as DirectHandler<P>)(ctx);
        } else {
          result = await withActor(actor, (tx) => (handler as TxHandler<P>)(ctx, tx));
          relaySoon(); // events the handler wrote go out now that its transaction committed
        }
        res = result instanceof Response ? result : result === null ? new Response(null, { status: 204 }) : Response.json(result, { status: opts.status ?? 200 });
      } catch (err) {
        res = errorResponse(err, requestId);
      }
      const line = {
        method: req.method,
        path: new URL(req.url).pathname,
        status: res.status,
        connection_id: connectionId,
        duration_ms: Math.round(performance.now() - started),
      };
      if (res.status >= 500) logger.error(line, 'webhook failed');
      else if (res.status >= 400) logger.warn(line, 'webhook refused');
      else logger.info(line, 'webhook');
      try {
        res.headers.set('X-Request-Id', requestId);
      } catch {
        // immutable headers: leave as is
      }
      return res;
    });
  };
}
