// Loads one category of the caller's workspace, or 404 (other workspaces' ids look absent).
import { and, eq, like } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbCategories } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';

export type CategoryRow = typeof kbCategories.$inferSelect;

export async function findCategory(tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<CategoryRow> {
  const q = tx.select().from(kbCategories).where(and(eq(kbCategories.id, id), eq(kbCategories.workspaceId, workspaceId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Category');
  return row;
}

/** Rows whose materialized path starts with the given one: the category and all its descendants. */
export const inSubtree = (workspaceId: string, path: string) =>
  and(eq(kbCategories.workspaceId, workspaceId), like(kbCategories.path, `${path}%`));
