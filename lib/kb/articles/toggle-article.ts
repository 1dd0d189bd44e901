// PATCH /api/kb/articles/:id/toggle: flips is_active (inactive articles keep their
// chunks; search leaves them out).
import { and, eq, not, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { kbArticles } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { markArticleSaved } from './mark-article-saved';
import { loadArticleDetail } from './load-article-detail';

export async function toggleArticle(caller: WorkspaceCaller, id: number) {
  const ws = caller.workspace.id;
  const article = await withActor(caller.actor, async (tx) => {
    const [row] = await tx
      .update(kbArticles)
      .set({ isActive: not(kbArticles.isActive), updatedAt: sql`now()` })
      .where(and(eq(kbArticles.id, id), eq(kbArticles.workspaceId, ws)))
      .returning({ isActive: kbArticles.isActive });
    if (!row) throw notFound('Article');
    await recordAudit(tx, caller.actor, {
      action: 'toggle_kb_article',
      entityType: 'kb_article',
      entityId: id,
      oldValues: { is_active: !row.isActive },
      newValues: { is_active: row.isActive },
    });
    await markArticleSaved(tx, ws, id, { chunks: false });
    return loadArticleDetail(tx, ws, id);
  });
  relaySoon();
  return article;
}
