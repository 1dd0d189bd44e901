// Embeds a saved article's new or changed chunks (durable, retried by Inngest). At most two
// runs per workspace at a time, so one workspace's bulk import cannot starve the others.
import { z } from 'zod';
import { inngest } from '@/lib/jobs/inngest-client';
import { embedArticleChunks } from '@/lib/kb/indexing/embed-article';

const payload = z.object({ workspace_id: z.uuid(), article_id: z.coerce.number().int().positive() });

export const embedArticle = inngest.createFunction(
  {
    id: 'kb-embed-article',
    name: 'Knowledge base: embed article chunks',
    triggers: [{ event: 'kb/article.saved' }],
    concurrency: [{ key: 'event.data.workspace_id', limit: 2 }],
    retries: 5,
  },
  async ({ event, step }) => {
    const data = payload.parse(event.data);
    return step.run('embed-chunks', () => embedArticleChunks(data.article_id, data.workspace_id));
  },
);
