// AI reply suggestions for operators (docs/channels-api.md, seed 004 elo_ai_suggestions).
import { z } from 'zod';
import { defineRoute } from '../registry';
import { dismissSuggestionSchema, suggestionSchema } from '@/lib/suggestions/schemas';

const tag = 'Suggestions';
const id = { id: 'uuid' } as const;
const both = { id: 'uuid', suggestionId: 'uuid' } as const;

defineRoute({
  method: 'get',
  path: '/api/conversations/:id/suggestions',
  tag,
  summary: 'The dialog’s AI suggestions: pending first, then newest; decided and expired ones stay listed',
  permission: 'conversations.read',
  params: id,
  response: z.object({ data: z.array(suggestionSchema) }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/suggestions',
  tag,
  summary:
    'Generate suggestions for the unanswered customer messages now: quick_reply (the agent’s model grounded in the knowledge base, ' +
    'or the best passage quoted in knowledge-base-only mode) and price_suggestion (price list). Older pending ones expire. ' +
    'Counts one AI response (402 quota_exceeded); 409 nothing_to_answer when no customer message waits; 502/503/504 provider errors. Rate limit: chat',
  permission: 'conversations.write',
  params: id,
  status: 201,
  response: z.object({ data: z.array(suggestionSchema) }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/suggestions/:suggestionId/apply',
  tag,
  summary:
    'Apply a pending suggestion: send_message sends it as the operator’s reply (queued for the channel; takeover rules apply), ' +
    'update_context merges its context into the dialog. 409 not_pending when decided or expired',
  permission: 'conversations.write',
  params: both,
  response: z
    .object({
      applied: z.literal(true),
      result: z.object({ message_sent: z.boolean(), message_id: z.uuid().nullable(), context_updated: z.boolean() }),
    })
    .meta({ example: { applied: true, result: { message_sent: true, message_id: '5b6c7d8e-9f00-4a1b-8c2d-3e4f5a6b7c8d', context_updated: false } } }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/suggestions/:suggestionId/dismiss',
  tag,
  summary: 'Dismiss a pending suggestion with an optional reason (≤ 500 characters); 409 not_pending when decided or expired',
  permission: 'conversations.write',
  params: both,
  body: dismissSuggestionSchema,
  response: z.object({ dismissed: z.literal(true), suggestion: suggestionSchema }),
});
