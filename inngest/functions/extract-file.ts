// Extracts the text of an uploaded PDF/DOCX (durable, retried by Inngest). A file over a
// cap is not an error to retry: it ends as extraction status "failed" with its reason.
import { z } from 'zod';
import { inngest } from '@/lib/jobs/inngest-client';
import { extractArticleFile } from '@/lib/kb/files/extract-article-file';

const payload = z.object({ workspace_id: z.uuid(), article_id: z.coerce.number().int().positive(), file_id: z.uuid() });

export const extractFile = inngest.createFunction(
  {
    id: 'kb-extract-file',
    name: 'Knowledge base: extract file text',
    triggers: [{ event: 'kb/file.uploaded' }],
    concurrency: [{ key: 'event.data.workspace_id', limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const data = payload.parse(event.data);
    return step.run('extract-text', () => extractArticleFile(data.workspace_id, data.file_id));
  },
);
