// GET /api/kb/articles/:id
import { withActor } from '@/lib/db/actor';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { loadArticleDetail } from './load-article-detail';

export async function getArticle(caller: WorkspaceCaller, id: number) {
  return withActor(caller.actor, (tx) => loadArticleDetail(tx, caller.workspace.id, id));
}
