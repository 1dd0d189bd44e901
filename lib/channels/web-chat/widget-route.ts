// The wrapper of the public widget endpoints. The key in the URL names a connection (404 when
// unknown); the request's Origin must be one of its allowed_origins (403 origin_not_allowed,
// also when missing: browsers always send it cross-origin); a switched-off connection is 410.
// CORS is per key: only the request's own, allowed origin is echoed, never credentials.
import type { NextRequest } from 'next/server';
import { AppError, notFound } from '@/lib/api/errors';
import { errorResponse } from '@/lib/api/error-response';
import { clientIp, requestIdOf } from '@/lib/api/request';
import { systemActor } from '@/lib/db/actor';
import type { SystemActor } from '@/lib/jobs/jobs-tx';
import { logger } from '@/lib/log/logger';
import { runWithContext } from '@/lib/log/context';
import { CHANNELS_ACTOR } from '../types';
import { findWidgetConnection, type WidgetConnection } from './find-widget-connection';

interface NextCtx {
  params: Promise<Record<string, string | string[]>>;
}

export interface WidgetContext {
  req: NextRequest;
  requestId: string;
  key: string;
  origin: string;
  ip: string | null;
  conn: WidgetConnection;
  actor: SystemActor;
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After, X-Request-Id',
    Vary: 'Origin',
  };
}

const originNotAllowed = () => new AppError(403, 'origin_not_allowed', 'This site is not allowed to use this chat widget');

async function resolve(req: NextRequest, nextCtx: NextCtx | undefined) {
  const params = (await nextCtx?.params) ?? {};
  const key = typeof params.key === 'string' ? params.key : '';
  const conn = await findWidgetConnection(key);
  if (!conn) throw notFound('Widget');
  const origin = req.headers.get('origin');
  if (!origin || !conn.config.allowed_origins.includes(origin)) throw originNotAllowed();
  return { key, conn, origin };
}

function finish(req: NextRequest, res: Response, requestId: string, origin: string | null, started: number): Response {
  const line = {
    method: req.method,
    path: new URL(req.url).pathname.replace(/\/api\/widget\/[^/]+/, '/api/widget/:key'),
    status: res.status,
    duration_ms: Math.round(performance.now() - started),
  };
  if (res.status >= 500) logger.error(line, 'widget request failed');
  else logger.info(line, 'widget request');
  const headers = { ...(origin ? corsHeaders(origin) : { Vary: 'Origin' }), 'X-Request-Id': requestId };
  try {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) copy.headers.set(k, v);
    return copy;
  }
}

export function widgetRoute(handler: (ctx: WidgetContext) => Promise<Response | object>, opts: { status?: number } = {}) {
  return (req: NextRequest, nextCtx?: NextCtx) => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    return runWithContext({ requestId }, async () => {
      let allowed: string | null = null;
      let res: Response;
      try {
        const { key, conn, origin } = await resolve(req, nextCtx);
        allowed = origin;
        if (!conn.isActive) throw new AppError(410, 'connection_inactive', 'This chat is switched off');
        const actor = systemActor(CHANNELS_ACTOR, conn.workspaceId, requestId);
        const result = await handler({ req, requestId, key, origin, ip: clientIp(req), conn, actor });
        res = result instanceof Response ? result : Response.json(result, { status: opts.status ?? 200 });
      } catch (err) {
        res = errorResponse(err, requestId);
      }
      return finish(req, res, requestId, allowed, started);
    });
  };
}

/** CORS preflight: answers the allowed origin only (403 for any other, 404 for an unknown key). */
export function widgetPreflight(methods: string) {
  return (req: NextRequest, nextCtx?: NextCtx) => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    return runWithContext({ requestId }, async () => {
      let allowed: string | null = null;
      let res: Response;
      try {
        const { origin } = await resolve(req, nextCtx);
        allowed = origin;
        res = new Response(null, {
          status: 204,
          headers: {
            'Access-Control-Allow-Methods': `${methods}, OPTIONS`,
            'Access-Control-Allow-Headers': 'Content-Type, Last-Event-ID, X-Request-Id',
            'Access-Control-Max-Age': '600',
          },
        });
      } catch (err) {
        res = errorResponse(err, requestId);
      }
      return finish(req, res, requestId, allowed, started);
    });
  };
}
