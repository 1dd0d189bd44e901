import { workspaceRoute } from '@/lib/api/route';
import { intParam, uuidParam } from '@/lib/api/params';
import { readArticleFile } from '@/lib/kb/files/read-article-file';
import { attachmentResponse } from '@/lib/kb/files/attachment-response';

export const GET = workspaceRoute<{ id: string; fileId: string }>(
  async ({ params, caller }) => attachmentResponse(await readArticleFile(caller.actor, intParam(params.id, 'Article'), uuidParam(params.fileId, 'File'))),
  { permission: 'kb.read' },
);
