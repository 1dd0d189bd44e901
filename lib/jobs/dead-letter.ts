// A job that exhausted its attempts is buried, not forgotten: an error log line for
// whoever watches the logs and a notification row for the workspace's team.
import { createTranslator } from 'next-intl';
import { withActor } from '@/lib/db/actor';
import { notifications } from '@/lib/db/schema/core';
import { DEFAULT_LOCALE } from '@/lib/i18n/config';
import ru from '@/lib/i18n/messages/ru/jobs.json';
import { logger } from '@/lib/log/logger';

export interface DeadLetter {
  source: 'outbox' | 'due_work';
  id: string | number;
  workspaceId: string | null;
  /** Event name or due-work kind. */
  name: string;
  attempts: number;
  error: string;
}

const t = createTranslator({ locale: DEFAULT_LOCALE, messages: { jobs: ru } as never }) as unknown as (
  key: string,
  values?: Record<string, string | number>,
) => string;

export async function alertDeadLetter(d: DeadLetter): Promise<void> {
  logger.error(
    { source: d.source, job_id: String(d.id), workspace_id: d.workspaceId, job: d.name, attempts: d.attempts, err: d.error },
    'background job dead-lettered',
  );
  if (!d.workspaceId) return;
  try {
    await withActor({ kind: 'system', name: 'jobs', workspaceId: d.workspaceId }, (tx) =>
      tx.insert(notifications).values({
        workspaceId: d.workspaceId!,
        type: 'job_dead_letter',
        title: t('jobs.deadLetter.title', { name: d.name }).slice(0, 255),
        description: t('jobs.deadLetter.description', { attempts: d.attempts, error: d.error.slice(0, 500) }),
      }),
    );
  } catch (err) {
    logger.error({ err: (err as Error).message, job_id: String(d.id) }, 'could not record the dead-letter notification');
  }
}
