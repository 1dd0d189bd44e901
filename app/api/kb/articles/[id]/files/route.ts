import { workspaceRoute } from '@/lib/api/route';
import { intParam } from '@/lib/api/params';
import { getEnv } from '@/lib/env';
import { readMultipart } from '@/lib/storage/read-form';
import { kbUploadMaxBytes } from '@/lib/storage/upload-limits';
import { uploadArticleFiles } from '@/lib/kb/files/upload-article-files';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => {
    const articleId = intParam(params.id, 'Article');
    // The body may carry several files; each one is held to KB_FILE_MAX_BYTES on its own.
    const form = await readMultipart(req, kbUploadMaxBytes(getEnv()));
    return { files: await uploadArticleFiles(caller.actor, articleId, form) };
  },
  { permission: 'kb.write', status: 201 },
);
