// Page/limit query params and the { page, limit, total, pages } block, per seed 000.
import { z } from 'zod';

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1, 'page must be 1 or more').default(1),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(10),
});
export type PageQuery = z.infer<typeof paginationQuery>;

export function pagination(q: PageQuery, total: number) {
  return { page: q.page, limit: q.limit, total, pages: Math.ceil(total / q.limit) };
}

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.limit;
}

/** Query-string booleans: "true"/"false"/"1"/"0". */
export const queryBool = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');
