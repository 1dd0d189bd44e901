// GET /api/kb/categories: the whole tree flat (by path), the roots, or one category's children.
import { eq, isNull } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbCategories } from '@/lib/db/schema/kb';
import type { WorkspaceActor } from '@/lib/db/actor';
import type { z } from 'zod';
import type { listCategoriesQuery } from './schemas';
import { findCategory } from './find-category';
import { loadCategoryViews } from './load-category-views';

export async function listCategories(actor: WorkspaceActor, { parent_id }: z.infer<typeof listCategoriesQuery>) {
  const ws = actor.workspaceId;
  const categories = await withActor(actor, async (tx) => {
    if (parent_id === undefined) return loadCategoryViews(tx, ws);
    if (parent_id === 'null') return loadCategoryViews(tx, ws, isNull(kbCategories.parentId), 'name');
    await findCategory(tx, ws, parent_id);
    return loadCategoryViews(tx, ws, eq(kbCategories.parentId, parent_id), 'name');
  });
  return { categories };
}
