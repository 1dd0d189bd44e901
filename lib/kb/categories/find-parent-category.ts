// Resolves a requested parent category: it must be in the caller's workspace (else 422).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbCategories } from '@/lib/db/schema/kb';
import type { CategoryRow } from './find-category';
import { invalidParent } from './category-errors';

export async function findParentCategory(tx: Tx, workspaceId: string, parentId: string): Promise<CategoryRow> {
  const [row] = await tx
    .select()
    .from(kbCategories)
    .where(and(eq(kbCategories.id, parentId), eq(kbCategories.workspaceId, workspaceId)));
  if (!row) throw invalidParent();
  return row;
}
