// Without Inngest, a saved article is embedded in-process by the same lib call the
// Inngest function makes (inngest/functions/embed-article.ts).
import { onLocalEvent } from '@/lib/jobs/local-handlers';
import { embedArticleChunks } from './embed-article';

const g = globalThis as Record<string, unknown>;

// Dev reloads may evaluate this module again; one handler per process is enough.
if (!g.__salesagentKbIndexingHandlers) {
  g.__salesagentKbIndexingHandlers = true;
  // The workspace is the outbox row's (ctx), not whatever the payload says.
  onLocalEvent('kb/article.saved', async (event, ctx) => {
    if (!ctx.workspaceId) return;
    await embedArticleChunks(event.data.article_id, ctx.workspaceId);
  });
}
