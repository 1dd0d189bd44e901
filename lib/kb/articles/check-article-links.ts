// An article may only be filed in, and related to, records of its own workspace;
// the ids that are not are named in the 422 so the form can point at them.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { kbArticles, kbCategories } from '@/lib/db/schema/kb';
import { badRequest, unprocessable } from '@/lib/api/errors';

export async function assertCategoriesExist(tx: Tx, workspaceId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = new Set(
    (
      await tx
        .select({ id: kbCategories.id })
        .from(kbCategories)
        .where(and(eq(kbCategories.workspaceId, workspaceId), inArray(kbCategories.id, ids)))
    ).map((r) => r.id),
  );
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw unprocessable(
      `These categories do not exist in this workspace: ${missing.join(', ')}`,
      { fields: [{ field: 'categories', message: 'unknown category ids' }], invalid_ids: missing },
      'unknown_categories',
    );
  }
}

export function assertNotSelfRelated(articleId: number, related: number[]): void {
  if (related.includes(articleId)) {
    throw badRequest('Invalid value for: related_articles', {
      fields: [{ field: 'related_articles', message: 'an article cannot be related to itself', code: 'self_relation' }],
    });
  }
}

export async function assertArticlesExist(tx: Tx, workspaceId: string, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const found = new Set(
    (
      await tx
        .select({ id: kbArticles.id })
        .from(kbArticles)
        .where(and(eq(kbArticles.workspaceId, workspaceId), inArray(kbArticles.id, ids)))
    ).map((r) => r.id),
  );
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw unprocessable(
      `These related articles do not exist in this workspace: ${missing.join(', ')}`,
      { fields: [{ field: 'related_articles', message: 'unknown article ids' }], invalid_ids: missing },
      'unknown_related_articles',
    );
  }
}
