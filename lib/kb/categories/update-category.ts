// PATCH /api/kb/categories/:id: rename, describe, or move under another parent.
import { eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbCategories } from '@/lib/db/schema/kb';
import { diffValues, recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { updateCategorySchema } from './schemas';
import { findCategory } from './find-category';
import { moveCategory } from './move-category';
import { loadCategoryView } from './load-category-views';
import { lockCategoryTree } from './lock-category-tree';
import { assertCategoryNameFree } from './check-category-name';

export async function updateCategory(actor: WorkspaceActor, id: string, raw: unknown) {
  const input = updateCategorySchema.parse(raw);
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    await lockCategoryTree(tx, ws);
    const category = await findCategory(tx, ws, id, { forUpdate: true });
    const before = { name: category.name, description: category.description, parent_id: category.parentId };
    const { oldValues, newValues, changed } = diffValues(before, input);
    if (!changed) return loadCategoryView(tx, ws, id);
    // The name must be free among the siblings it ends up with (renamed, moved, or both).
    if ('name' in newValues || 'parent_id' in newValues) {
      const parentId = 'parent_id' in newValues ? (input.parent_id ?? null) : category.parentId;
      await assertCategoryNameFree(tx, ws, parentId, input.name ?? category.name, category.id);
    }
    if (input.name !== undefined || input.description !== undefined) {
      await tx
        .update(kbCategories)
        .set({ name: input.name, description: input.description, updatedAt: sql`now()` })
        .where(eq(kbCategories.id, category.id));
    }
    if ('parent_id' in newValues) await moveCategory(tx, ws, category, input.parent_id ?? null);
    await recordAudit(tx, actor, { action: 'update_kb_category', entityType: 'kb_category', entityId: id, oldValues, newValues });
    return loadCategoryView(tx, ws, id);
  });
}
