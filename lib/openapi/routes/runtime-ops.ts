// Drafts awaiting approval and notifications (docs/runtime-api.md, issue 8), with examples.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { approveDraftSchema, listDraftsQuery, rejectDraftSchema } from '@/lib/runtime/drafts/schemas';
import { listNotificationsQuery } from '@/lib/notifications/list-notifications';
import { NOTIFICATION_TYPES } from '@/lib/notifications/create-notification';
import { message } from './crm-conversations';

const ts = z.string().meta({ format: 'date-time' });
const ref = z.object({ id: z.uuid(), name: z.string() });

const notificationExample = {
  id: '5b6c7d8e-9f00-4a1b-8c2d-3e4f5a6b7c8d',
  type: 'draft_pending',
  title: 'Черновик ответа ждёт проверки',
  description: 'Агент «Продажи» подготовил ответ клиенту Айгерим',
  action_text: 'Открыть диалог',
  action_url: '/conversations?conversation=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  data: { agent_id: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a', agent: 'Продажи', conversation_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
  is_read: false,
  read_at: null,
  created_at: '2026-11-29T10:15:00.000Z',
};
const notification = z
  .object({
    id: z.uuid(),
    type: z.string().describe(NOTIFICATION_TYPES.join(', ')),
    title: z.string().describe('Russian fallback; the dashboard renders type + data in the reader’s language'),
    description: z.string().nullable(),
    action_text: z.string().nullable(),
    action_url: z.string().nullable().describe('A dashboard path without the workspace prefix'),
    data: z.record(z.string(), z.unknown()),
    is_read: z.boolean(),
    read_at: ts.nullable(),
    created_at: ts,
  })
  .meta({ example: notificationExample });

const tag = 'Notifications';
const id = { id: 'uuid' } as const;
defineRoute({
  method: 'get',
  path: '/api/notifications',
  tag,
  summary: 'The team’s and my notifications: unread first, then newest; unread=true for unread only',
  permission: 'workspace.read',
  query: listNotificationsQuery,
  response: z
    .object({ data: z.array(notification), unread_count: z.number(), next_cursor: z.string().nullable() })
    .meta({ example: { data: [notificationExample], unread_count: 1, next_cursor: null } }),
});
defineRoute({ method: 'patch', path: '/api/notifications/:id/read', tag, summary: 'Mark one read', permission: 'workspace.read', params: id, response: z.object({ notification }) });
defineRoute({ method: 'post', path: '/api/notifications/read-all', tag, summary: 'Mark all read', permission: 'workspace.read', response: z.object({ updated: z.number() }) });
defineRoute({ method: 'delete', path: '/api/notifications/:id', tag, summary: 'Delete one', permission: 'workspace.read', params: id, status: 204 });
defineRoute({ method: 'delete', path: '/api/notifications', tag, summary: 'Delete all I see', permission: 'workspace.read', response: z.object({ deleted: z.number() }) });

const draftTag = 'Drafts';
const both = { id: 'uuid', messageId: 'uuid' } as const;
defineRoute({
  method: 'get',
  path: '/api/drafts',
  tag: draftTag,
  summary: 'Agent replies waiting for approval (check_before_send), newest first',
  permission: 'conversations.read',
  query: listDraftsQuery,
  response: z.object({
    data: z.array(
      z.object({
        message,
        conversation: z.object({ id: z.uuid(), title: z.string().nullable(), channel: z.string(), client: z.object({ id: z.uuid(), name: z.string().nullable() }), agent: ref.nullable() }),
      }),
    ),
    next_cursor: z.string().nullable(),
  }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/messages/:messageId/approve',
  tag: draftTag,
  summary: 'Approve a draft, optionally edited (content): queued for the channel (test chat: sent); 409 not_a_draft when already decided',
  permission: 'conversations.write',
  params: both,
  body: approveDraftSchema.meta({ example: { content: 'Здравствуйте! Замена дисплея iPhone 13 — 25 000 ₸, займёт 1 час.' } }),
  response: z.object({ message }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/messages/:messageId/reject',
  tag: draftTag,
  summary: 'Reject a draft (never sent); 409 not_a_draft when already decided',
  permission: 'conversations.write',
  params: both,
  body: rejectDraftSchema.meta({ example: { reason: 'Цена устарела' } }),
  response: z.object({ message }),
});
