// Without Inngest, an uploaded PDF/DOCX has its text extracted in-process by the same
// lib call the Inngest function makes (inngest/functions/extract-file.ts).
import { onLocalEvent } from '@/lib/jobs/local-handlers';
import { extractArticleFile } from './extract-article-file';

const g = globalThis as Record<string, unknown>;

// Dev reloads may evaluate this module again; one handler per process is enough.
if (!g.__salesagentKbFileHandlers) {
  g.__salesagentKbFileHandlers = true;
  onLocalEvent('kb/file.uploaded', async (event) => {
    await extractArticleFile(event.data.workspace_id, event.data.file_id);
  });
}
