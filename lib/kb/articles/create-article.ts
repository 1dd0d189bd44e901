// POST /api/kb/articles
import { withActor } from '@/lib/db/actor';
import { kbArticles } from '@/lib/db/schema/kb';
import { recordAudit } from '@/lib/audit/record-audit';
import { relaySoon } from '@/lib/jobs/relay-outbox';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { createArticleSchema } from './schemas';
import { assertArticlesExist, assertCategoriesExist } from './check-article-links';
import { setArticleCategories, setArticleRelations } from './set-article-links';
import { markArticleSaved } from './mark-article-saved';
import { loadArticleDetail } from './load-article-detail';

export async function createArticle(actor: WorkspaceActor, raw: unknown) {
  const input = createArticleSchema.parse(raw);
  const ws = actor.workspaceId;
  const article = await withActor(actor, async (tx) => {
    await assertCategoriesExist(tx, ws, input.categories);
    await assertArticlesExist(tx, ws, input.related_articles);
    const [row] = await tx
      .insert(kbArticles)
      .values({ workspaceId: ws, title: input.title, content: input.content, isActive: input.is_active, createdBy: actorUserId(actor) })
      .returning({ id: kbArticles.id });
    await setArticleCategories(tx, ws, row.id, input.categories);
    await setArticleRelations(tx, ws, row.id, input.related_articles);
    await recordAudit(tx, actor, {
      action: 'create_kb_article',
      entityType: 'kb_article',
      entityId: row.id,
      newValues: {
        title: input.title,
        content_length: input.content.length,
        is_active: input.is_active,
        categories: input.categories,
        related_articles: input.related_articles,
      },
    });
    await markArticleSaved(tx, ws, row.id);
    return loadArticleDetail(tx, ws, row.id);
  });
  relaySoon();
  return article;
}
