// The inbound path's endpoints (docs/channels-api.md, issue 9): take over, hand back (POST
// resume), retry a failed delivery.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { conversation, message } from './crm-conversations';

const ts = z.string().meta({ format: 'date-time' });
export const holder = z
  .object({
    kind: z.enum(['agent', 'human', 'paused', 'nobody']),
    user_id: z.uuid().nullable(),
    user_name: z.string().nullable(),
    until: ts.nullable().describe('When the paused agent resumes by itself (null: until handed back)'),
    reason: z.string().nullable(),
    reply_at: ts.nullable().describe('The pending agent reply (reply delay, working hours)'),
    needs_human_since: ts.nullable(),
  })
  .meta({
    example: { kind: 'human', user_id: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a', user_name: 'Айгерим', until: '2026-11-30T09:00:00.000Z', reason: 'takeover', reply_at: null, needs_human_since: null },
  });

const tag = 'Conversations';
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/takeover',
  tag,
  summary: 'I take the dialog over: the agent pauses (paused_by human) until now + the workspace auto_resume_after (0 = until handed back); the pending agent reply is cancelled. 409 conversation_closed',
  permission: 'conversations.write',
  params: { id: 'uuid' },
  response: z.object({ conversation, holder }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/resume',
  tag,
  summary: 'Hand back to the agent at once (same as PATCH): pending auto-resume cancelled, needs_human cleared, unanswered customer messages get a reply scheduled',
  permission: 'conversations.write',
  params: { id: 'uuid' },
  response: z.object({ conversation }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/messages/:messageId/retry',
  tag,
  summary: 'Send a failed outbound message again: back to queued and to delivery; 409 not_failed for any other status',
  permission: 'conversations.write',
  params: { id: 'uuid', messageId: 'uuid' },
  response: z.object({ message }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/read',
  tag,
  summary: 'The operator opened the dialog: unread_count becomes 0 (published to every open inbox); the version is unchanged. Viewers may not (403)',
  permission: 'conversations.write',
  params: { id: 'uuid' },
  response: z.object({ conversation: z.object({ id: z.uuid(), unread_count: z.number() }) }),
});
