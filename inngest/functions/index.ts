// Every Inngest function the app serves (app/api/inngest/route.ts).
import { embedArticle } from './embed-article';
import { relayOutboxCron } from './relay-outbox-cron';
import { sendPasswordReset } from './send-password-reset';

export const functions = [embedArticle, relayOutboxCron, sendPasswordReset];
