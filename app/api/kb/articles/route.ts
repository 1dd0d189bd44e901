import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listArticles } from '@/lib/kb/articles/list-articles';
import { createArticle } from '@/lib/kb/articles/create-article';
import { createArticleSchema, listArticlesQuery } from '@/lib/kb/articles/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listArticles(caller.actor, parseQuery(req, listArticlesQuery)), {
  permission: 'kb.read',
  // A search may embed the query over HTTP first: never inside the request's transaction.
  transaction: (req) => !req.nextUrl.searchParams.get('search'),
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ article: await createArticle(caller.actor, await parseJson(req, createArticleSchema)) }),
  { permission: 'kb.write', status: 201 },
);
