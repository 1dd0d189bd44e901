// Every Inngest function the app serves (app/api/inngest/route.ts).
import { embedArticle } from './embed-article';
import { relayOutboxCron } from './relay-outbox-cron';
import { dueWorkSweep, runDueWorkFn } from './run-due-work';
import { sendPasswordReset } from './send-password-reset';

export const functions = [embedArticle, relayOutboxCron, runDueWorkFn, dueWorkSweep, sendPasswordReset];
