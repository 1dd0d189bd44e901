import { workspaceRoute } from '@/lib/api/route';
import { intParam } from '@/lib/api/params';
import { getEnv } from '@/lib/env';
import { readMultipart } from '@/lib/storage/read-form';
import { KB_FILES_PER_UPLOAD } from '@/lib/kb/files/file-types';
import { uploadArticleFiles } from '@/lib/kb/files/upload-article-files';

export const POST = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => {
    const articleId = intParam(params.id, 'Article');
    // The body may carry several files; each one is held to KB_FILE_MAX_BYTES on its own.
    const form = await readMultipart(req, getEnv().KB_FILE_MAX_BYTES * KB_FILES_PER_UPLOAD);
    return { files: await uploadArticleFiles(caller.actor, articleId, form) };
  },
  { permission: 'kb.write', status: 201 },
);
