// PATCH /api/kb/articles/:id/toggle: sets is_active when given, else flips it
// (inactive articles keep their chunks; search leaves them out).
import { and, eq, not, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withActor } from '@/lib/db/actor';
import { kbArticles } from '@/lib/db/schema/kb';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import type { WorkspaceActor } from '@/lib/db/actor';
import { markArticleSaved } from './mark-article-saved';
import { loadArticleDetail } from './load-article-detail';

export const toggleArticleSchema = z.object({ is_active: z.boolean({ error: 'is_active must be true or false' }).optional() }).strict();

export async function toggleArticle(actor: WorkspaceActor, id: number, input: z.infer<typeof toggleArticleSchema> = {}) {
  const ws = actor.workspaceId;
  const article = await withActor(actor, async (tx) => {
    const [row] = await tx
      .update(kbArticles)
      .set({ isActive: input.is_active ?? not(kbArticles.isActive), updatedAt: sql`now()` })
      .where(and(eq(kbArticles.id, id), eq(kbArticles.workspaceId, ws)))
      .returning({ isActive: kbArticles.isActive });
    if (!row) throw notFound('Article');
    await recordAudit(tx, actor, {
      action: 'toggle_kb_article',
      entityType: 'kb_article',
      entityId: id,
      // With an explicit value the old one may have been the same; the audit row says what was asked.
      oldValues: input.is_active === undefined ? { is_active: !row.isActive } : undefined,
      newValues: { is_active: row.isActive },
    });
    await markArticleSaved(tx, ws, id, { chunks: false });
    return loadArticleDetail(tx, ws, id);
  });
  relaySoon();
  return article;
}
