// POST /api/kb/categories: a root category or a child of one in the same workspace.
import crypto from 'node:crypto';
import { withActor } from '@/lib/db/actor';
import { kbCategories } from '@/lib/db/schema/kb';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { createCategorySchema, MAX_CATEGORY_LEVEL } from './schemas';
import { findParentCategory } from './find-parent-category';
import { categoryTooDeep } from './category-errors';
import { loadCategoryView } from './load-category-views';
import { lockCategoryTree } from './lock-category-tree';
import { assertCategoryNameFree } from './check-category-name';

export async function createCategory(actor: WorkspaceActor, raw: unknown) {
  const input = createCategorySchema.parse(raw);
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    await lockCategoryTree(tx, ws);
    const parent = input.parent_id ? await findParentCategory(tx, ws, input.parent_id) : null;
    const level = parent ? parent.level + 1 : 0;
    if (level > MAX_CATEGORY_LEVEL) throw categoryTooDeep();
    await assertCategoryNameFree(tx, ws, parent?.id ?? null, input.name);
    // The path holds the row's own id, so the id is chosen here rather than by the database.
    const id = crypto.randomUUID();
    await tx.insert(kbCategories).values({
      id,
      workspaceId: ws,
      name: input.name,
      description: input.description ?? null,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      level,
      createdBy: actorUserId(actor),
    });
    await recordAudit(tx, actor, {
      action: 'create_kb_category',
      entityType: 'kb_category',
      entityId: id,
      newValues: { name: input.name, description: input.description ?? null, parent_id: parent?.id ?? null },
    });
    return loadCategoryView(tx, ws, id);
  });
}
