import { workspaceRoute } from '@/lib/api/route';
import { intParam } from '@/lib/api/params';
import { parseOptionalJson } from '@/lib/api/request';
import { toggleArticle, toggleArticleSchema } from '@/lib/kb/articles/toggle-article';

export const PATCH = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    article: await toggleArticle(caller.actor, intParam(params.id, 'Article'), await parseOptionalJson(req, toggleArticleSchema)),
  }),
  { permission: 'kb.write' },
);
