// Moves a category under a new parent (or to the root): its path and level and those
// of its whole subtree are rewritten in one statement.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbCategories } from '@/lib/db/schema/kb';
import { MAX_CATEGORY_LEVEL } from './schemas';
import { inSubtree, type CategoryRow } from './find-category';
import { findParentCategory } from './find-parent-category';
import { categoryCycle, categoryTooDeep } from './category-errors';

export async function moveCategory(tx: Tx, workspaceId: string, category: CategoryRow, newParentId: string | null): Promise<void> {
  const parent = newParentId ? await findParentCategory(tx, workspaceId, newParentId) : null;
  if (parent && parent.path.startsWith(category.path)) throw categoryCycle();
  const newPath = `${parent?.path ?? '/'}${category.id}/`;
  const delta = (parent ? parent.level + 1 : 0) - category.level;
  const [{ deepest }] = await tx
    .select({ deepest: sql<number>`max(${kbCategories.level})::int` })
    .from(kbCategories)
    .where(inSubtree(workspaceId, category.path));
  if (Number(deepest) + delta > MAX_CATEGORY_LEVEL) throw categoryTooDeep();
  await tx
    .update(kbCategories)
    .set({
      path: sql`${newPath} || substr(${kbCategories.path}, ${category.path.length + 1})`,
      level: sql`${kbCategories.level} + ${delta}::int`,
      parentId: sql`case when ${kbCategories.id} = ${category.id}::uuid then ${parent?.id ?? null}::uuid else ${kbCategories.parentId} end`,
      updatedAt: sql`now()`,
    })
    .where(inSubtree(workspaceId, category.path));
}
