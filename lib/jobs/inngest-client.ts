// The Inngest client. Used only by lib/jobs (sending) and inngest/ (functions).
import { Inngest } from 'inngest';
import { getEnv } from '@/lib/env';

const g = globalThis as Record<string, unknown>;

export function inngestConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV);
}

export const inngest: Inngest =
  (g.__salesagentInngest as Inngest) ??
  (g.__salesagentInngest = new Inngest({
    id: 'salesagent',
    ...(getEnv().INNGEST_BASE_URL ? { baseUrl: getEnv().INNGEST_BASE_URL } : {}),
  }));
