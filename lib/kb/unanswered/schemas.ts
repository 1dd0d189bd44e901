// Inputs of the unanswered-questions endpoints (docs/runtime-api.md).
import { z } from 'zod';
import { UNANSWERED_STATUSES } from '@/lib/db/schema/runtime';

const status = z.enum(UNANSWERED_STATUSES, { error: `status must be one of ${UNANSWERED_STATUSES.join(', ')}` });

export const listUnansweredQuery = z.object({
  status: status.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(50),
});
export type ListUnansweredQuery = z.infer<typeof listUnansweredQuery>;

export const updateUnansweredSchema = z.object({
  status,
  resolved_article_id: z
    .int({ error: 'resolved_article_id must be an article id (integer)' })
    .positive('article ids are positive')
    .max(2147483647, 'not an article id')
    .nullish(),
});
export type UpdateUnansweredInput = z.infer<typeof updateUnansweredSchema>;
