// The installation's scheduled work: one entry per job, read by the in-process runner, the
// Inngest cron functions (same schedules) and the Background work panel.
import { refreshKbEmbeddings } from './refresh-kb-embeddings';
import { runCleanup } from './run-cleanup';
import type { ScheduledJob } from './types';

export const SCHEDULED_JOBS = {
  cleanup: { name: 'cleanup', schedule: '0 0 * * 0', run: runCleanup },
  kb_embeddings: { name: 'kb_embeddings', schedule: '0 */6 * * *', run: () => refreshKbEmbeddings() },
} satisfies Record<string, ScheduledJob>;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;
export const SCHEDULED_JOB_NAMES = Object.keys(SCHEDULED_JOBS) as ScheduledJobName[];
