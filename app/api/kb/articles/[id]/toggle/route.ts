import { workspaceRoute } from '@/lib/api/route';
import { intParam } from '@/lib/api/params';
import { toggleArticle } from '@/lib/kb/articles/toggle-article';

export const PATCH = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ article: await toggleArticle(caller, intParam(params.id, 'Article')) }),
  { permission: 'kb.write' },
);
