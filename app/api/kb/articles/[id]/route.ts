import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { intParam } from '@/lib/api/params';
import { getArticle } from '@/lib/kb/articles/get-article';
import { updateArticle } from '@/lib/kb/articles/update-article';
import { deleteArticle } from '@/lib/kb/articles/delete-article';
import { updateArticleSchema } from '@/lib/kb/articles/schemas';

export const GET = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ article: await getArticle(caller.actor, intParam(params.id, 'Article')) }),
  { permission: 'kb.read' },
);

export const PATCH = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    article: await updateArticle(caller.actor, intParam(params.id, 'Article'), await parseJson(req, updateArticleSchema)),
  }),
  { permission: 'kb.write' },
);

export const DELETE = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => {
    await deleteArticle(caller.actor, intParam(params.id, 'Article'));
    return null;
  },
  { permission: 'kb.write' },
);
