// Bodies and query of the drafts endpoints (docs/runtime-api.md "Drafts").
import { z } from 'zod';

export const approveDraftSchema = z
  .object({
    content: z
      .string({ error: 'content must be text' })
      .trim()
      .min(1, 'content must not be empty')
      .max(4096, 'content must be at most 4096 characters')
      .optional(),
    /** Accepted for symmetry with other writes; the status check already refuses a second decision. */
    version: z.number().int().optional(),
  })
  .strict();
export type ApproveDraftInput = z.infer<typeof approveDraftSchema>;

export const rejectDraftSchema = z
  .object({ reason: z.string({ error: 'reason must be text' }).trim().max(500, 'reason must be at most 500 characters').optional() })
  .strict();
export type RejectDraftInput = z.infer<typeof rejectDraftSchema>;

export const listDraftsQuery = z.object({
  agent_id: z.uuid('agent_id must be a UUID').optional(),
  cursor: z.string().regex(/^\d{1,9}$/, 'cursor must be a value of next_cursor').optional(),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(30),
});
export type ListDraftsQuery = z.infer<typeof listDraftsQuery>;
