import { workspaceRoute } from '@/lib/api/route';
import { intParam, uuidParam } from '@/lib/api/params';
import { deleteArticleFile } from '@/lib/kb/files/delete-article-file';

export const DELETE = workspaceRoute<{ id: string; fileId: string }>(
  async ({ params, caller }) => {
    await deleteArticleFile(caller.actor, intParam(params.id, 'Article'), uuidParam(params.fileId, 'File'));
    return null;
  },
  { permission: 'kb.write' },
);
