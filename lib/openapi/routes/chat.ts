// The OpenAPI description of the test chat (/api/chat, docs/runtime-api.md "Test chat").
import { z } from 'zod';
import { defineRoute } from '../registry';
import { sendTestMessageSchema } from '@/lib/runtime/chat/schemas';
import { conversation, listItem, message } from './crm-conversations';

const turnResponse = z
  .object({
    conversation_id: z.uuid(),
    customer_message: message,
    message: message.nullable().meta({ description: 'The agent’s reply (status sent, or draft with check_before_send); its `turn` is the "why this answer" trace' }),
    outcome: z.enum(['sent', 'draft', 'skipped', 'failed']),
    skipped: z.enum(['paused', 'closed', 'no_agent', 'agent_inactive', 'quota_exceeded', 'no_new_messages']).optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({
    description:
      'With `Accept: text/event-stream` the answer streams as SSE: `accepted` {conversation_id, customer_message} → `status` {stage} → `delta` {text}… → `done` (this object) or `error` {error}. ' +
      'Errors: 402 quota_exceeded {details: conversation_id, customer_message_id, used, limit}; 502 provider_failed, 503 provider_not_configured, 504 provider_timeout with details.conversation_id and details.customer_message_id (the customer message is kept).',
  });

const listQuery = z.object({
  agent_id: z.uuid().optional(),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.number().int().min(1).max(100).optional(),
});

defineRoute({
  method: 'post',
  path: '/api/chat/send',
  tag: 'Test chat',
  summary: 'Send a message as a customer to an agent in a test conversation (new or continued); JSON or SSE (rate limit chat)',
  permission: 'conversations.write',
  body: sendTestMessageSchema,
  response: turnResponse,
});
defineRoute({
  method: 'get',
  path: '/api/chat/conversations',
  tag: 'Test chat',
  summary: 'Test chat conversations (channel test only), newest first',
  permission: 'conversations.read',
  query: listQuery,
  response: z.object({ data: z.array(listItem), next_cursor: z.string().nullable() }),
});
defineRoute({
  method: 'get',
  path: '/api/chat/conversations/:id',
  tag: 'Test chat',
  summary: 'A test conversation with its messages oldest first (agent replies carry their turn trace)',
  permission: 'conversations.read',
  params: { id: 'uuid' },
  response: z.object({ conversation, messages: z.array(message) }),
});
defineRoute({
  method: 'delete',
  path: '/api/chat/conversations/:id',
  tag: 'Test chat',
  summary: 'Delete a test conversation (any other conversation is 404)',
  permission: 'conversations.write',
  params: { id: 'uuid' },
  status: 204,
});
