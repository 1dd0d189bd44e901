// GET /api/kb/categories/:id
import { withActor } from '@/lib/db/actor';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { findCategory } from './find-category';
import { loadCategoryView } from './load-category-views';

export async function getCategory(caller: WorkspaceCaller, id: string) {
  const ws = caller.workspace.id;
  return withActor(caller.actor, async (tx) => {
    await findCategory(tx, ws, id);
    return loadCategoryView(tx, ws, id);
  });
}
