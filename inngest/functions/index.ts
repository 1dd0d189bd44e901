// Every Inngest function the app serves (app/api/inngest/route.ts).
import { embedArticle } from './embed-article';
import { extractFile } from './extract-file';
import { relayOutboxCron } from './relay-outbox-cron';

export const functions = [embedArticle, extractFile, relayOutboxCron];
