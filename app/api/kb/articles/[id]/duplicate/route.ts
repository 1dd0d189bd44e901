import { workspaceRoute } from '@/lib/api/route';
import { intParam } from '@/lib/api/params';
import { duplicateArticle } from '@/lib/kb/articles/duplicate-article';

export const POST = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ article: await duplicateArticle(caller.actor, intParam(params.id, 'Article')) }),
  { permission: 'kb.write', status: 201 },
);
