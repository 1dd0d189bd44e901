// GET /api/kb/categories/:id
import { withActor } from '@/lib/db/actor';
import type { WorkspaceActor } from '@/lib/db/actor';
import { findCategory } from './find-category';
import { loadCategoryView } from './load-category-views';

export async function getCategory(actor: WorkspaceActor, id: string) {
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    await findCategory(tx, ws, id);
    return loadCategoryView(tx, ws, id);
  });
}
