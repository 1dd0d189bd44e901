// Every Inngest function the app serves (app/api/inngest/route.ts).
import { embedArticle } from './embed-article';
import { extractFile } from './extract-file';
import { relayOutboxCron } from './relay-outbox-cron';
import { dueWorkSweep, runDueWorkFn } from './run-due-work';
import { cleanupCron, kbEmbeddingsCron } from './scheduled-jobs';
import { sendPasswordReset } from './send-password-reset';

export const functions = [embedArticle, extractFile, relayOutboxCron, runDueWorkFn, dueWorkSweep, sendPasswordReset, cleanupCron, kbEmbeddingsCron];
