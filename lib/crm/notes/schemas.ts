// Validation for notes (docs/crm-api.md): `{text, client_id | conversation_id}`.
import { z } from 'zod';

const text = z.string().trim().min(1, 'text is required').max(10000, 'At most 10000 characters');

export const createNoteSchema = z.object({
  text,
  client_id: z.uuid('client_id must be a uuid').nullable().optional(),
  conversation_id: z.uuid('conversation_id must be a uuid').nullable().optional(),
});
export type CreateNoteInput = z.infer<typeof createNoteSchema>;

export const updateNoteSchema = z.object({ text });

export const listNotesQuery = z.object({
  client_id: z.uuid('client_id must be a uuid').optional(),
  conversation_id: z.uuid('conversation_id must be a uuid').optional(),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(200),
});
export type ListNotesQuery = z.infer<typeof listNotesQuery>;
