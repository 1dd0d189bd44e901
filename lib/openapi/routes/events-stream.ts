// GET /api/events/stream (issue 9): the dashboard's live events as Server-Sent Events.
import { z } from 'zod';
import { errorSchema, registry } from '../registry';
import { streamQuery } from '@/lib/realtime/event-stream';

const liveEvent = z
  .object({
    seq: z.number().int().describe('Gap-free per workspace; also the SSE `id:`'),
    type: z.string().describe('message:new, draft:new, message:updated, conversation:new, conversation:updated, notification:new, quota:warning, agent:status_changed, suggestion:new, suggestion:updated, …'),
    conversation_id: z.uuid().nullable(),
    payload: z.record(z.string(), z.unknown()).describe('Ids and small fields; refetch details through the API'),
    created_at: z.string().meta({ format: 'date-time' }),
  })
  .meta({
    example: {
      seq: 42,
      type: 'message:new',
      conversation_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      payload: { conversation_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', message_id: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a', role: 'user', status: 'received' },
      created_at: '2026-11-29T10:15:00.000Z',
    },
  });

const wire = [
  'retry: 3000',
  '',
  'id: 41',
  '',
  'id: 42',
  'event: message:new',
  'data: {"seq":42,"type":"message:new","conversation_id":"9a8b…","payload":{…},"created_at":"…"}',
  '',
  ': ping',
  '',
].join('\n');

registry.registerPath({
  method: 'get',
  path: '/api/events/stream',
  summary: 'Live events of the workspace (SSE)',
  description:
    'Requires permission `workspace.read`; each event is filtered by addressee (`notification:new` for one member goes only to them) ' +
    'and by the permission it needs (conversation events need `conversations.read`). Frames: `id: <seq>`, `event: <type>`, ' +
    '`data: <LiveEvent JSON>`; a bare `id:` frame marks the starting point; `: ping` every 15 s; `event: reset` when the ' +
    'requested point is no longer kept (7 days) — refetch everything. Resume with the `Last-Event-ID` header (EventSource does it) ' +
    'or `?after=<seq>`: no gap, no duplicate. Without either, the stream starts at the newest event. The membership is re-checked ' +
    'every 30 s; the stream closes when it is gone. Browsers name the workspace with `?workspace_id=` (EventSource cannot send X-Tenant-ID).\n\n' +
    '```\n' + wire + '\n```',
  tags: ['Realtime'],
  security: [{ bearerAuth: [] }, { sessionCookie: [] }],
  request: {
    query: streamQuery,
    headers: z.object({
      'x-tenant-id': z.uuid().optional(),
      'last-event-id': z.string().regex(/^\d+$/).optional().describe('The last seq received; wins over ?after='),
    }),
  },
  responses: {
    200: {
      description: 'An endless text/event-stream; each `data:` line is a LiveEvent',
      content: { 'text/event-stream': { schema: liveEvent } },
    },
    400: { description: 'Bad Last-Event-ID, after or workspace_id', content: { 'application/json': { schema: errorSchema } } },
    401: { description: 'Not authenticated', content: { 'application/json': { schema: errorSchema } } },
    403: { description: 'Not a member of the workspace', content: { 'application/json': { schema: errorSchema } } },
    429: { description: 'Rate limited (see Retry-After)', content: { 'application/json': { schema: errorSchema } } },
  },
});
