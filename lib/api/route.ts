// Route-handler wrappers: each declares what it needs (auth, workspace permission,
// rate limit) and the wrapper resolves it before the body runs.
import { NextRequest } from 'next/server';
import { AppError, unauthorized } from './errors';
import { errorResponse } from './error-response';
import { clientIp, requestIdOf } from './request';
import { logger } from '@/lib/log/logger';
import { runWithContext, currentContext } from '@/lib/log/context';
import { consume, type LimitName } from '@/lib/ratelimit/limits';
import { assertCan, type Permission } from '@/lib/auth/permissions';
import { identify, resolveCaller, type Caller, type Identity, type WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { actAs, withActor } from '@/lib/db/actor';
import type { RequestMeta } from '@/lib/auth/meta';

type Params = Record<string, string | string[]>;
interface NextCtx {
  params: Promise<Params>;
}

export interface BaseContext<P = Params> {
  req: NextRequest;
  params: P;
  requestId: string;
  meta: RequestMeta;
}
export type UserContext<P = Params> = BaseContext<P> & { caller: Caller };
export type WorkspaceContext<P = Params> = BaseContext<P> & { caller: WorkspaceCaller };

type Result = Response | object | null;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function toResponse(result: Result, status = 200): Response {
  if (result instanceof Response) return result;
  if (result === null) return new Response(null, { status: 204 });
  return Response.json(result, { status });
}

function withRequestId(res: Response, requestId: string): Response {
  try {
    res.headers.set('X-Request-Id', requestId);
    return res;
  } catch {
    // Immutable headers (e.g. a fetched Response): copy it.
    const copy = new Response(res.body, res);
    copy.headers.set('X-Request-Id', requestId);
    return copy;
  }
}

async function run<P>(
  req: NextRequest,
  nextCtx: NextCtx | undefined,
  body: (base: BaseContext<P>) => Promise<Response>,
): Promise<Response> {
  const requestId = requestIdOf(req);
  const started = performance.now();
  return runWithContext({ requestId }, async () => {
    let res: Response;
    try {
      const params = ((await nextCtx?.params) ?? {}) as P;
      const meta: RequestMeta = { ip: clientIp(req), userAgent: req.headers.get('user-agent'), requestId };
      res = await body({ req, params, requestId, meta });
    } catch (err) {
      res = errorResponse(err, requestId);
    }
    const ctx = currentContext();
    const path = new URL(req.url).pathname;
    const line = { method: req.method, path, status: res.status, duration_ms: Math.round(performance.now() - started) };
    if (res.status >= 500) logger.error(line, 'request failed');
    else logger.info({ ...line, user_id: ctx?.userId }, 'request');
    return withRequestId(res, requestId);
  });
}

interface PublicOptions {
  /** Per-IP limit applied before the body (auth endpoints use 'authIp'). */
  ipLimit?: LimitName;
  status?: number;
}

export function publicRoute<P = Params>(handler: (ctx: BaseContext<P>) => Promise<Result>, opts: PublicOptions = {}) {
  return (req: NextRequest, nextCtx?: NextCtx) =>
    run<P>(req, nextCtx, async (base) => {
      if (opts.ipLimit && base.meta.ip) await consume(opts.ipLimit, base.meta.ip);
      return toResponse(await handler(base), opts.status);
    });
}

interface UserOptions {
  rateLimit?: LimitName | false;
  status?: number;
  /**
   * false: the handler makes network calls (embeddings, uploads to storage) that must
   * not run inside a transaction, so the caller is resolved in its own and the
   * handler's lib calls open theirs. Default: one transaction for the whole request.
   */
  transaction?: boolean | ((req: NextRequest) => boolean);
}

async function authenticate<P>(base: BaseContext<P>, requireWorkspace: boolean, who: Identity) {
  const caller = await resolveCaller(base.req, base.meta, { requireWorkspace }, who);
  if (!caller) throw unauthorized();
  if (caller.via === 'session' && MUTATING.has(base.req.method)) {
    assertSameOrigin(base.req);
    // The dashboard names the workspace of its page in every write; the "last used"
    // workspace may have changed in another tab since that page was loaded.
    if (requireWorkspace && !base.req.headers.get('x-tenant-id')) {
      throw new AppError(400, 'workspace_required', 'Writes from the dashboard must name their workspace in X-Tenant-ID', {
        fields: [{ field: 'X-Tenant-ID', message: 'required for writes with a session cookie', code: 'workspace_required' }],
      });
    }
  }
  const ctx = currentContext();
  if (ctx) {
    ctx.userId = caller.user.id;
    ctx.workspaceId = caller.workspace?.id;
  }
  return caller;
}

/**
 * Reads a non-multipart body before the transaction opens, so a slow client never
 * holds a database connection (on PGlite: the only one) while it trickles bytes in.
 */
async function bufferBody<P>(base: BaseContext<P>): Promise<BaseContext<P>> {
  const { req } = base;
  if (!req.body || req.method === 'GET' || req.method === 'HEAD') return base;
  const body = await req.arrayBuffer();
  const copy = new NextRequest(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
  return { ...base, req: copy };
}

/**
 * An authenticated request in ONE transaction: the caller is resolved and the
 * handler's lib calls run in it (they join through withActor). The per-user limit
 * is taken first, on the identity alone, outside the transaction. Multipart uploads
 * stream into storage outside a transaction; their lib calls open their own.
 */
async function authenticated<P>(
  base: BaseContext<P>,
  requireWorkspace: boolean,
  opts: UserOptions,
  body: (base: BaseContext<P>, caller: Caller) => Promise<Response>,
): Promise<Response> {
  const who = await identify(base.req);
  if (!who) throw unauthorized();
  const limit = opts.rateLimit ?? (base.req.method === 'GET' ? 'read' : 'crud');
  if (limit) await consume(limit, `user:${who.userId}`);
  const type = base.req.headers.get('content-type')?.toLowerCase() ?? '';
  const inTransaction = typeof opts.transaction === 'function' ? opts.transaction(base.req) : opts.transaction !== false;
  if (!inTransaction || type.startsWith('multipart/')) return body(base, await authenticate(base, requireWorkspace, who));
  const ready = await bufferBody(base);
  return withActor({ kind: 'user', userId: who.userId, ...ready.meta }, async () => {
    const caller = await authenticate(ready, requireWorkspace, who);
    await actAs(caller.actor);
    return body(ready, caller);
  });
}

export function userRoute<P = Params>(handler: (ctx: UserContext<P>) => Promise<Result>, opts: UserOptions = {}) {
  return (req: NextRequest, nextCtx?: NextCtx) =>
    run<P>(req, nextCtx, (base) =>
      authenticated(base, false, opts, async (ready, caller) => toResponse(await handler({ ...ready, caller }), opts.status)),
    );
}

interface WorkspaceOptions extends UserOptions {
  permission: Permission;
}

export function workspaceRoute<P = Params>(
  handler: (ctx: WorkspaceContext<P>) => Promise<Result>,
  opts: WorkspaceOptions,
) {
  return (req: NextRequest, nextCtx?: NextCtx) =>
    run<P>(req, nextCtx, (base) =>
      authenticated(base, true, opts, async (ready, c) => {
        const caller = c as WorkspaceCaller;
        assertCan(caller.actor, opts.permission);
        return toResponse(await handler({ ...ready, caller }), opts.status);
      }),
    );
}

/**
 * Cookie-authenticated writes must come from our own pages. Browsers send
 * Origin on every cross-origin write; non-browser clients use Bearer tokens.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site') throw new AppError(403, 'origin_not_allowed', 'Cross-site requests with a session cookie are refused');
  if (!origin) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError(403, 'origin_not_allowed', 'Malformed Origin header');
  }
  if (originHost !== host) {
    throw new AppError(403, 'origin_not_allowed', 'Requests with a session cookie must come from this site');
  }
}
