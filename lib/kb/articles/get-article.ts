// GET /api/kb/articles/:id
import { withActor } from '@/lib/db/actor';
import type { WorkspaceActor } from '@/lib/db/actor';
import { loadArticleDetail } from './load-article-detail';

export async function getArticle(actor: WorkspaceActor, id: number) {
  return withActor(actor, (tx) => loadArticleDetail(tx, actor.workspaceId, id));
}
