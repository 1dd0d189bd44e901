'use client';
// Settings → Background work (owners and admins): the scheduled jobs with their last and next
// run, result and errors; which engine wakes background work; this workspace's waiting work.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { AlertTriangleIcon, CheckCircle2Icon, CircleDashedIcon, CircleSlashIcon, LoaderIcon } from 'lucide-react';
import { apiGet } from '@/components/agents/api-client';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import type { BackgroundWork } from '@/lib/jobs/scheduled/get-background-work';

type Job = BackgroundWork['jobs'][number];

export function BackgroundWorkSection() {
  const t = useTranslations('background');
  const format = useFormatter();
  const { data, isError } = useQuery({
    queryKey: ['background-work'],
    queryFn: ({ signal }) => apiGet<BackgroundWork>('/api/admin/background-work', signal),
    refetchInterval: 30_000,
  });
  if (isError) return <p className="text-sm text-destructive">{t('loadFailed')}</p>;
  if (!data)
    return (
      <div className="flex justify-center py-6">
        <Spinner aria-hidden />
      </div>
    );
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : t('never'));
  const inngest = data.engine.inngest;
  return (
    <div className="space-y-6" data-testid="background-work">
      <section className="space-y-2">
        <h3 className="text-sm font-medium">{t('engine.title')}</h3>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge variant={data.engine.mode === 'inngest' ? 'default' : 'secondary'} data-testid="background-engine">
            {t(`engine.${data.engine.mode}`)}
          </Badge>
          {data.engine.mode === 'inngest' ? (
            <span className="text-muted-foreground">
              {t('engine.keys', {
                event: inngest.event_key_set ? t('engine.set') : t('engine.missing'),
                signing: inngest.signing_key_set ? t('engine.set') : t('engine.missing'),
              })}
              {inngest.dev_server ? ` · ${t('engine.dev')}` : ''}
            </span>
          ) : (
            <span className="text-muted-foreground">{t('engine.inProcessHint')}</span>
          )}
        </div>
      </section>

      <section className="space-y-2">
        <h3 className="text-sm font-medium">{t('jobs.title')}</h3>
        <ul className="divide-y rounded-md border" data-testid="background-jobs">
          {data.jobs.map((job) => (
            <JobRow key={job.name} job={job} when={when} />
          ))}
        </ul>
      </section>

      <section className="space-y-2">
        <h3 className="text-sm font-medium">{t('backlog.title')}</h3>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="background-backlog">
          <Stat label={t('backlog.outbox')} value={data.outbox.pending} hint={data.outbox.oldest_pending_at ? t('backlog.oldest', { when: when(data.outbox.oldest_pending_at) }) : undefined} />
          <Stat label={t('backlog.due')} value={data.due_work.pending} />
          <Stat label={t('backlog.overdue')} value={data.due_work.overdue} warn={data.due_work.overdue > 0} />
          <Stat label={t('backlog.dead')} value={data.due_work.dead + data.outbox.dead} warn={data.due_work.dead + data.outbox.dead > 0} />
        </dl>
        {data.due_work.overdue > 0 && (
          <p className="flex items-start gap-2 text-sm text-amber-700 dark:text-amber-400">
            <AlertTriangleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t('backlog.overdueHint')}
          </p>
        )}
        {data.due_work.by_kind.length > 0 && (
          <ul className="space-y-1 text-sm text-muted-foreground" data-testid="background-kinds">
            {data.due_work.by_kind.map((k) => (
              <li key={k.kind} className="flex flex-wrap justify-between gap-2">
                <span className="font-mono text-xs">{k.kind}</span>
                <span>
                  {t('backlog.kind', { pending: k.pending, next: when(k.next_due_at) })}
                  {k.overdue > 0 ? ` · ${t('backlog.kindOverdue', { n: k.overdue })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function JobRow({ job, when }: { job: Job; when: (iso: string | null) => string }) {
  const t = useTranslations('background');
  const status = job.running ? 'running' : (job.last_status ?? 'never');
  const Icon = { running: LoaderIcon, ok: CheckCircle2Icon, skipped: CircleSlashIcon, failed: AlertTriangleIcon, never: CircleDashedIcon }[status];
  const color = { running: 'text-primary', ok: 'text-emerald-600 dark:text-emerald-400', skipped: 'text-muted-foreground', failed: 'text-destructive', never: 'text-muted-foreground' }[status];
  return (
    <li className="space-y-1 p-3" data-testid={`background-job-${job.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{t(`jobs.names.${job.name}`)}</span>
        <span className={`flex items-center gap-1 text-sm ${color}`}>
          <Icon className="size-4" aria-hidden />
          {t(`jobs.status.${status}`)}
        </span>
      </div>
      <p className="text-sm text-muted-foreground">{t(`jobs.schedules.${job.name}`)}</p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <div className="flex gap-1">
          <dt className="text-muted-foreground">{t('jobs.lastRun')}</dt>
          <dd>{when(job.last_finished_at ?? job.last_started_at)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted-foreground">{t('jobs.nextRun')}</dt>
          <dd data-testid={`background-job-${job.name}-next`}>{when(job.next_run_at)}</dd>
        </div>
      </dl>
      <Result job={job} />
      {job.last_error && <p className="break-words text-sm text-destructive">{t('jobs.error', { error: job.last_error })}</p>}
    </li>
  );
}

function Result({ job }: { job: Job }) {
  const t = useTranslations('background');
  const r = job.last_result;
  if (!r) return null;
  if (job.last_status === 'skipped') return <p className="text-sm text-muted-foreground">{t(`jobs.skipped.${String(r.reason)}` as 'jobs.skipped.not_configured')}</p>;
  if (job.name === 'cleanup' && typeof r.total === 'number') return <p className="text-sm">{t('jobs.cleanupResult', { n: r.total })}</p>;
  if (job.name === 'kb_embeddings' && typeof r.embedded === 'number')
    return <p className="text-sm">{t('jobs.embeddingsResult', { chunks: r.embedded as number, articles: Number(r.articles ?? 0), failed: Number(r.failed ?? 0) })}</p>;
  return null;
}

function Stat({ label, value, hint, warn }: { label: string; value: number; hint?: string; warn?: boolean }) {
  return (
    <div className="rounded-md border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${warn ? 'text-amber-700 dark:text-amber-400' : ''}`}>{value}</dd>
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
    </div>
  );
}
