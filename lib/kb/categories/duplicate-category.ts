// POST /api/kb/categories/:id/duplicate: copies the category and its subtree beside
// the original; the articles filed in them are filed in the copies too.
import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticleCategories, kbCategories } from '@/lib/db/schema/kb';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { findCategory, inSubtree } from './find-category';
import { loadCategoryView } from './load-category-views';
import { lockCategoryTree } from './lock-category-tree';
import { freeCopyName } from './check-category-name';

export async function duplicateCategory(actor: WorkspaceActor, id: string) {
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    await lockCategoryTree(tx, ws);
    const root = await findCategory(tx, ws, id);
    const subtree = await tx.select().from(kbCategories).where(inSubtree(ws, root.path)).orderBy(kbCategories.level);
    const copyOf = new Map(subtree.map((c) => [c.id, crypto.randomUUID()]));
    const rootName = await freeCopyName(tx, ws, root.parentId, root.name);
    const remapPath = (path: string) => `/${path.split('/').filter(Boolean).map((seg) => copyOf.get(seg) ?? seg).join('/')}/`;
    await tx.insert(kbCategories).values(
      subtree.map((c) => ({
        id: copyOf.get(c.id)!,
        workspaceId: ws,
        name: c.id === root.id ? rootName : c.name,
        description: c.description,
        parentId: c.id === root.id ? c.parentId : copyOf.get(c.parentId!)!,
        path: remapPath(c.path),
        level: c.level,
        createdBy: actorUserId(actor),
      })),
    );
    const links = await tx
      .select({ articleId: kbArticleCategories.articleId, categoryId: kbArticleCategories.categoryId })
      .from(kbArticleCategories)
      .where(and(eq(kbArticleCategories.workspaceId, ws), inArray(kbArticleCategories.categoryId, [...copyOf.keys()])));
    if (links.length) {
      await tx
        .insert(kbArticleCategories)
        .values(links.map((l) => ({ workspaceId: ws, articleId: l.articleId, categoryId: copyOf.get(l.categoryId)! })));
    }
    const newId = copyOf.get(root.id)!;
    await recordAudit(tx, actor, {
      action: 'duplicate_kb_category',
      entityType: 'kb_category',
      entityId: newId,
      newValues: { source_id: root.id, categories: subtree.length, article_links: links.length },
    });
    return loadCategoryView(tx, ws, newId);
  });
}
