// Embeds a saved article's new or changed chunks (durable, retried by Inngest). At most two
// runs per workspace at a time, so one workspace's bulk import cannot starve the others.
// event.data.workspace_id is the outbox row's workspace (the relay sets it), not the payload's.
import { inngest } from '@/lib/jobs/inngest-client';
import { kbArticleSaved, parseEventData } from '@/lib/jobs/events';
import { embedArticleChunks } from '@/lib/kb/indexing/embed-article';

export const embedArticle = inngest.createFunction(
  {
    id: 'kb-embed-article',
    name: 'Knowledge base: embed article chunks',
    triggers: [kbArticleSaved],
    concurrency: [{ key: 'event.data.workspace_id', limit: 2 }],
    retries: 5,
  },
  async ({ event, step }) => {
    const data = parseEventData('kb/article.saved', event.data);
    return step.run('embed-chunks', () => embedArticleChunks(data.article_id, data.workspace_id));
  },
);
