// AI reply suggestions for operators (seed 004 elo_ai_suggestions): the API shape and the
// request bodies, shared by the routes, the OpenAPI document and the inbox panel.
import { z } from 'zod';
import type { aiSuggestions } from '@/lib/db/schema/channels';
import { SUGGESTION_ACTIONS, SUGGESTION_STATUSES, SUGGESTION_TYPES } from '@/lib/db/schema/channels';

export const dismissSuggestionSchema = z
  .object({
    reason: z.string({ error: 'reason must be text' }).trim().max(500, 'reason has at most 500 characters').optional(),
  })
  .meta({ example: { reason: 'Клиент уже получил цену' } });
export type DismissSuggestionInput = z.infer<typeof dismissSuggestionSchema>;

export const suggestionSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(SUGGESTION_TYPES),
    content: z.string(),
    confidence: z.number().min(0).max(1),
    action: z.enum(SUGGESTION_ACTIONS),
    status: z.enum(SUGGESTION_STATUSES),
    created_at: z.string().meta({ format: 'date-time' }),
    message_id: z.uuid().nullable().describe('The customer message it answers'),
    payload: z.record(z.string(), z.unknown()).describe('update_context: {context: {...}} merged into the dialog on apply'),
    dismiss_reason: z.string().nullable(),
    decided_at: z.string().meta({ format: 'date-time' }).nullable(),
    result_message_id: z.uuid().nullable(),
  })
  .meta({
    example: {
      id: '0b8f9d2e-3c4a-4e5b-9f6a-7b8c9d0e1f2a',
      type: 'price_suggestion',
      content: 'Замена экрана iPhone 14: 25 000–45 000 ₸',
      confidence: 0.8,
      action: 'update_context',
      status: 'pending',
      created_at: '2026-11-30T10:15:00.000Z',
      message_id: '5b6c7d8e-9f00-4a1b-8c2d-3e4f5a6b7c8d',
      payload: { context: { price: { service: 'Замена экрана', device: 'iPhone 14', from: 25000, to: 45000, currency: 'KZT' } } },
      dismiss_reason: null,
      decided_at: null,
      result_message_id: null,
    },
  });
export type Suggestion = z.infer<typeof suggestionSchema>;

type Row = typeof aiSuggestions.$inferSelect;

export function presentSuggestion(r: Row): Suggestion {
  return {
    id: r.id,
    type: r.suggestionType,
    content: r.content,
    confidence: Number(r.confidence),
    action: r.action,
    status: r.status,
    created_at: r.createdAt.toISOString(),
    message_id: r.messageId,
    payload: r.payload ?? {},
    dismiss_reason: r.dismissReason,
    decided_at: r.decidedAt ? r.decidedAt.toISOString() : null,
    result_message_id: r.resultMessageId,
  };
}
