// Validation for tasks (docs/crm-api.md): `{text, due_at, responsible_user_id, client_id | conversation_id, done}`.
// Update schemas have no defaults (zod 4 `.partial()` would still apply them).
import { z } from 'zod';
import { queryBool } from '@/lib/api/pagination';

const text = z.string().trim().min(1, 'text is required').max(2000, 'At most 2000 characters');
const dueAt = z.iso
  .datetime({ offset: true, message: 'due_at must be an ISO date-time' })
  .refine((v) => {
    const y = new Date(v).getUTCFullYear();
    return y >= 2000 && y <= 9999;
  }, 'due_at must be between the years 2000 and 9999')
  .nullable();

export const createTaskSchema = z.object({
  text,
  due_at: dueAt.optional(),
  responsible_user_id: z.uuid('responsible_user_id must be a uuid').nullable().optional(),
  client_id: z.uuid('client_id must be a uuid').nullable().optional(),
  conversation_id: z.uuid('conversation_id must be a uuid').nullable().optional(),
  done: z.boolean().optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z.object({
  text: text.optional(),
  due_at: dueAt.optional(),
  responsible_user_id: z.uuid('responsible_user_id must be a uuid').nullable().optional(),
  client_id: z.uuid('client_id must be a uuid').optional(),
  conversation_id: z.uuid('conversation_id must be a uuid').nullable().optional(),
  done: z.boolean().optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

/** Cursors are opaque: the position of the next page in the list's order. */
export const cursorParam = z.string().regex(/^\d{1,9}$/, 'cursor must be a value of next_cursor').optional();
export const limitParam = z.coerce.number().int().min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(50);

export const listTasksQuery = z.object({
  mine: queryBool.optional(),
  done: queryBool.optional(),
  overdue: queryBool.optional(),
  client_id: z.uuid('client_id must be a uuid').optional(),
  conversation_id: z.uuid('conversation_id must be a uuid').optional(),
  responsible_user_id: z.uuid('responsible_user_id must be a uuid').optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;
