// The OpenAPI description of /api/conversations (dialogs = deals, their messages and timeline),
// from the zod schemas the routes validate with (docs/crm-api.md).
import { z } from 'zod';
import { defineRoute, type RouteDoc } from '../registry';
import * as s from '@/lib/crm/conversations/schemas';
import { CHANGE_SOURCES, CONVERSATION_CHANNEL_TYPES, CONVERSATION_STATUSES, MESSAGE_ROLES, MESSAGE_STATUSES, STAGE_KINDS } from '@/lib/db/schema/crm';

const ts = z.string().meta({ format: 'date-time' });
const ref = z.object({ id: z.uuid(), name: z.string() });
const stage = z.object({ id: z.uuid(), code: z.string(), name: z.string(), color: z.string(), kind: z.enum(STAGE_KINDS) });
// Who holds the dialog (docs/channels-api.md); on GET list and GET one.
const holder = z
  .object({
    kind: z.enum(['agent', 'human', 'paused', 'nobody']),
    user_id: z.uuid().nullable(),
    user_name: z.string().nullable(),
    until: ts.nullable().meta({ description: 'resume_at: when the agent takes over again' }),
    reason: z.string().nullable(),
    reply_at: ts.nullable().meta({ description: 'the pending agent reply (conversation.reply due work)' }),
    needs_human_since: ts.nullable(),
  })
  .nullable()
  .optional();
export const listItem = z
  .object({
    id: z.uuid(),
    title: z.string().nullable(),
    client: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), avatar_url: z.string().nullable() }),
    channel: z.enum(CONVERSATION_CHANNEL_TYPES),
    status: z.enum(CONVERSATION_STATUSES),
    pipeline_id: z.uuid().nullable(),
    stage: stage.nullable(),
    price: z.number().nullable(),
    currency: z.string().nullable(),
    tags: z.array(z.string()),
    responsible: ref.nullable(),
    agent: ref.nullable(),
    context: z.record(z.string(), z.unknown()),
    unread_count: z.number(),
    messages_count: z.number(),
    last_message: z.object({ direction: z.enum(['inbound', 'outbound']).nullable(), content: z.string(), created_at: ts }).nullable(),
    last_message_at: ts,
    created_at: ts,
    version: z.number(),
    holder,
  })
  .meta({
    example: {
      id: '0b5f6f7e-3c2a-4d1b-9e8f-7a6b5c4d3e2f',
      title: 'iPhone 14 Pro — замена экрана',
      client: { id: '6f1c2a4e-8b1d-4c3e-9a55-0d4c1b2a3e4f', name: 'Айгерим Сапарова', phone: '+77011234567', avatar_url: null },
      channel: 'whatsapp',
      status: 'active',
      pipeline_id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
      stage: { id: '1d7b1f0e-2a3c-4b5d-8e9f-0a1b2c3d4e5f', code: 'quoted', name: 'Озвучена цена', color: '#6366f1', kind: 'open' },
      price: 45000,
      currency: 'KZT',
      tags: ['срочно'],
      responsible: null,
      agent: null,
      context: { intent: 'repair', device: 'iPhone 14 Pro', issue: 'разбит экран', price_quoted: 45000 },
      unread_count: 1,
      messages_count: 12,
      last_message: { direction: 'inbound', content: 'А завтра успеете?', created_at: '2026-11-27T10:15:00.000Z' },
      last_message_at: '2026-11-27T10:15:00.000Z',
      created_at: '2026-11-26T08:00:00.000Z',
      version: 4,
    },
  });
export const conversation = listItem.extend({
  description: z.string().nullable(),
  custom_fields: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  channel_id: z.string().nullable(),
  paused_by: z.enum(['human', 'agent', 'system']).nullable(),
  paused_at: ts.nullable(),
  pause_reason: z.string().nullable(),
  closed_at: ts.nullable(),
  stage_changed_at: ts.nullable(),
  first_message_at: ts.nullable(),
  updated_at: ts,
});
export const message = z.object({
  id: z.uuid(),
  type: z.literal('message'),
  role: z.enum(MESSAGE_ROLES),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  content: z.string(),
  content_type: z.string(),
  attachments: z.array(z.record(z.string(), z.unknown())),
  sender_name: z.string().nullable(),
  operator: ref.nullable(),
  status: z.enum(MESSAGE_STATUSES),
  is_sent: z.boolean(),
  requires_approval: z.boolean(),
  model: z.string().nullable(),
  tokens_used: z.number().nullable(),
  response_time_ms: z.number().nullable(),
  kb_articles_used: z.array(z.string()),
  external_message_id: z.string().nullable(),
  error: z.string().nullable(),
  created_at: ts,
  provider: z.string().nullable(),
  tokens_in: z.number().nullable(),
  tokens_out: z.number().nullable(),
  cost_usd: z.number().nullable(),
  turn: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Agent messages: the TurnTrace (docs/runtime-api.md) — mode, articles, triggers, tool calls, fields changed, timings'),
});
const event = z
  .object({
    id: z.uuid(),
    type: z.string(),
    dialog_id: z.uuid().nullable(),
    client_id: z.uuid().nullable(),
    message_id: z.uuid().nullable(),
    source: z.enum(CHANGE_SOURCES),
    actor: ref.nullable(),
    payload: z.record(z.string(), z.unknown()),
    created_at: ts,
  })
  .meta({
    example: {
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      type: 'stage_changed',
      dialog_id: '0b5f6f7e-3c2a-4d1b-9e8f-7a6b5c4d3e2f',
      client_id: '6f1c2a4e-8b1d-4c3e-9a55-0d4c1b2a3e4f',
      message_id: null,
      source: 'user',
      actor: { id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', name: 'Ерлан' },
      payload: { old_stage: 'qualifying', new_stage: 'quoted', old_stage_id: '…', new_stage_id: '…', price: 45000 },
      created_at: '2026-11-27T10:16:00.000Z',
    },
  });
const pipelineStage = stage.extend({ pipeline_id: z.uuid(), order_index: z.number() });
const board = z.object({
  pipeline: z.object({
    id: z.uuid(),
    name: z.string(),
    is_default: z.boolean(),
    is_active: z.boolean(),
    vertical_code: z.string().nullable(),
    order_index: z.number(),
    stages: z.array(pipelineStage),
    deals_count: z.number(),
    agents: z.array(ref),
    created_at: ts,
    updated_at: ts,
  }),
  columns: z.array(z.object({ stage: pipelineStage, total: z.number(), total_price: z.number(), deals: z.array(listItem), next_cursor: z.string().nullable() })),
});

// Query schemas as the client sends them (the routes' transforms are not part of the wire format).
const filters = {
  status: z.enum(CONVERSATION_STATUSES).optional(),
  agent_id: z.uuid().optional(),
  channel_type: z.enum(CONVERSATION_CHANNEL_TYPES).optional(),
  date_from: z.string().optional().meta({ description: 'YYYY-MM-DD or ISO time; on created_at' }),
  date_to: z.string().optional().meta({ description: 'YYYY-MM-DD (the whole day) or ISO time' }),
  pipeline_id: z.uuid().optional(),
  client_id: z.uuid().optional(),
  responsible: z.string().optional().meta({ description: 'a user id, me or none' }),
  tag: z.string().optional().meta({ description: 'repeat for several: deals carrying all of them' }),
  search: z.string().optional().meta({ description: 'client name words (prefix) or message text', example: 'айгер' }),
  q: z.string().optional().meta({ description: 'the same as search (the live inbox)' }),
  unread: z.enum(['true', 'false']).optional().meta({ description: 'true: dialogs with unread customer messages' }),
  needs_human: z.enum(['true', 'false']).optional().meta({ description: 'true: dialogs waiting for a human' }),
  price_min: z.number().optional(),
  price_max: z.number().optional(),
};
const listQuery = z.object({
  ...filters,
  stage_id: z.uuid().optional(),
  sort: z.enum(s.SORTS).optional(),
  order: z.enum(['desc', 'asc']).optional(),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.number().int().min(1).max(200).optional(),
});
const boardQuery = z.object({ ...filters, per_stage: z.number().int().min(1).max(200).optional() });
const messagesQuery = z.object({
  before: z.string().optional().meta({ description: 'an ISO time or next_cursor of the previous page' }),
  limit: z.number().int().min(1).max(200).optional(),
  types: z.enum(['message', 'all']).optional().meta({ description: 'all: the timeline events of the dialog in the same stream' }),
});

type Doc = Omit<RouteDoc, 'tag' | 'params'> & { id?: boolean };
const C = '/api/conversations/:id';
function route(doc: Doc): void {
  const { id, ...rest } = doc;
  defineRoute({ ...rest, tag: 'Conversations', ...(id ? { params: { id: 'uuid' as const } } : {}) });
}
const one = z.object({ conversation });
const read = 'conversations.read' as const;
const write = 'conversations.write' as const;

route({ method: 'get', path: '/api/conversations', summary: 'Dialogs (= deals): filters, search, keyset pages', permission: read, query: listQuery, response: z.object({ data: z.array(listItem), next_cursor: z.string().nullable() }) });
route({ method: 'post', path: '/api/conversations', summary: 'Create a dialog by hand (default pipeline, first stage)', permission: write, body: s.createConversationSchema, status: 201, response: one });
route({ method: 'get', path: '/api/conversations/board', summary: 'Kanban of one pipeline (default: the default pipeline): first per_stage deals, totals per stage', permission: read, query: boardQuery, response: board });
route({ method: 'get', path: C, summary: 'One dialog', permission: read, id: true, response: one });
route({ method: 'patch', path: C, summary: 'Change stage, price, tags, responsible, status, context (replace), custom fields (merge); 409 stale_version with details.current', permission: write, id: true, body: s.updateConversationSchema, response: one });
route({ method: 'delete', path: C, summary: 'Delete a dialog with its messages and events (needs crm.admin)', permission: write, id: true, status: 204 });
route({ method: 'patch', path: `${C}/context`, summary: 'Merge keys into the context (null removes a key; optional version)', permission: write, id: true, body: s.updateContextSchema, response: one });
route({ method: 'get', path: `${C}/messages`, summary: 'Messages newest first (before-cursor); types=all interleaves timeline events', permission: read, id: true, query: messagesQuery, response: z.object({ data: z.array(z.union([message, event])), has_more: z.boolean(), next_cursor: z.string().nullable() }) });
route({ method: 'post', path: `${C}/messages`, summary: 'A human reply (outbound, queued); pauses the agent when the workspace stops on human replies', permission: write, id: true, body: s.sendMessageSchema, status: 201, response: z.object({ message }) });
route({ method: 'patch', path: `${C}/pause`, summary: 'Pause the agent in this dialog (409 when closed)', permission: write, id: true, body: s.pauseSchema, response: one });
route({ method: 'patch', path: `${C}/resume`, summary: 'Resume the agent (reopens a closed dialog)', permission: write, id: true, response: one });
