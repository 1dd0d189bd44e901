// GET /api/events/stream: the workspace's live events as Server-Sent Events for one member.
// Auth as every workspace route (session cookie or Bearer; the workspace from X-Tenant-ID, or
// ?workspace_id= since EventSource cannot send headers). No transaction stays open: the hub
// reads on its own and this stream only filters (addressee, permission) and writes.
import { NextRequest } from 'next/server';
import { z } from 'zod';
import { workspaceRoute } from '@/lib/api/route';
import { AppError } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/request';
import { can, PERMISSIONS, type Permission, type Role } from '@/lib/auth/permissions';
import { withActor } from '@/lib/db/actor';
import { listMemberships } from '@/lib/workspaces/resolve-membership';
import { subscribeRealtime, type RealtimeEvent } from './hub';

export interface EventStreamOptions {
  /** `: ping` comment interval (default 15 s). */
  pingMs?: number;
  /** Membership / role re-check interval (default 30 s). */
  recheckMs?: number;
  /** A client this far behind (queued bytes) is cut off; it resumes with Last-Event-ID. */
  maxQueuedBytes?: number;
}

export const streamQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a non-negative integer (an event seq)')
    .optional()
    .describe('Resume after this seq when there is no Last-Event-ID header'),
  workspace_id: z.uuid().optional().describe('The workspace, for clients that cannot send X-Tenant-ID (EventSource)'),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN = new Set<string>(PERMISSIONS);

/** What the member may see: their own or everyone's events, and only with the permission. */
export function visibleTo(event: RealtimeEvent, userId: string, role: Role): boolean {
  if (event.user_id && event.user_id !== userId) return false;
  if (!event.permission) return true;
  return KNOWN.has(event.permission) && can(role, event.permission as Permission);
}

export function formatEvent(event: RealtimeEvent): string {
  const data = {
    seq: event.seq,
    type: event.type,
    conversation_id: event.conversation_id,
    payload: event.payload,
    created_at: event.created_at,
  };
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

// The hub hands the same event object to every subscriber: frame and encode it once.
const encoded = new WeakMap<RealtimeEvent, Uint8Array>();
const encoder = new TextEncoder();
function frameBytes(event: RealtimeEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) {
    bytes = encoder.encode(formatEvent(event));
    encoded.set(event, bytes);
  }
  return bytes;
}

function startingPoint(req: NextRequest): number | null {
  const header = req.headers.get('last-event-id')?.trim();
  const query = parseQuery(req, streamQuery);
  if (header) {
    if (!/^\d{1,15}$/.test(header)) {
      throw new AppError(400, 'validation_error', 'Last-Event-ID must be an event seq', {
        fields: [{ field: 'Last-Event-ID', code: 'invalid_format', message: 'must be a non-negative integer (an event seq)' }],
      });
    }
    return Number(header);
  }
  return query.after !== undefined ? Number(query.after) : null;
}

/** EventSource cannot set X-Tenant-ID: ?workspace_id= stands in for it. */
function withTenantFromQuery(req: NextRequest): NextRequest {
  if (req.headers.get('x-tenant-id')) return req;
  const ws = req.nextUrl.searchParams.get('workspace_id');
  if (!ws || !UUID.test(ws)) return req;
  const headers = new Headers(req.headers);
  headers.set('x-tenant-id', ws);
  return new NextRequest(req.url, { method: req.method, headers, signal: req.signal });
}

async function currentRole(userId: string, workspaceId: string): Promise<Role | null> {
  const all = await withActor({ kind: 'user', userId }, (tx) => listMemberships(tx, userId));
  return all.find((m) => m.workspace.id === workspaceId)?.role ?? null;
}

export function createEventStreamHandler(opts: EventStreamOptions = {}) {
  const pingMs = opts.pingMs ?? 15_000;
  const recheckMs = opts.recheckMs ?? 30_000;
  const maxQueued = opts.maxQueuedBytes ?? 4 * 1024 * 1024;

  const handler = workspaceRoute(
    async ({ req, caller }) => {
      const after = startingPoint(req);
      const userId = caller.user.id;
      const workspaceId = caller.workspace.id;
      let role: Role = caller.role;
      const signal = req.signal;

      let cleanup = () => {};
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let closed = false;
          let queued = 0;
          const write = (text: string | Uint8Array) => {
            if (closed) return;
            const chunk = typeof text === 'string' ? encoder.encode(text) : text;
            try {
              controller.enqueue(chunk);
            } catch {
              finish();
              return;
            }
            queued = controller.desiredSize !== null ? -controller.desiredSize : 0;
            if (queued > maxQueued) finish(); // a stalled client: it resumes with Last-Event-ID
          };
          const unsubscribe = subscribeRealtime(
            workspaceId,
            after,
            (event) => {
              if (visibleTo(event, userId, role)) write(frameBytes(event));
            },
            {
              onReady: (seq) => write(`id: ${seq}\n\n`),
              onReset: (seq) => write(`id: ${seq}\nevent: reset\ndata: ${JSON.stringify({ seq, type: 'reset' })}\n\n`),
            },
          );
          const ping = setInterval(() => write(': ping\n\n'), pingMs);
          let checking = false;
          const recheck = setInterval(() => {
            if (checking || closed) return;
            checking = true;
            currentRole(userId, workspaceId)
              .then((r) => {
                if (!r) finish();
                else role = r;
              })
              .catch(() => {})
              .finally(() => {
                checking = false;
              });
          }, recheckMs);
          const onAbort = () => finish();
          function finish() {
            if (closed) return;
            closed = true;
            unsubscribe();
            clearInterval(ping);
            clearInterval(recheck);
            signal.removeEventListener('abort', onAbort);
            try {
              controller.close();
            } catch {
              /* already cancelled */
            }
          }
          cleanup = finish;
          if (signal.aborted) return finish();
          signal.addEventListener('abort', onAbort);
          write('retry: 3000\n\n');
        },
        cancel() {
          cleanup();
        },
      });

      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
        },
      });
    },
    // Every member may open it (events are filtered per permission); no transaction is held.
    { permission: 'workspace.read', transaction: false },
  );

  return (req: NextRequest, ctx?: { params: Promise<Record<string, string | string[]>> }) =>
    handler(withTenantFromQuery(req), ctx as never);
}
