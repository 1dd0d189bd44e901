'use client';
// A saved chain's runs and results (issue 10 "Edits" and "Results"): how many runs are in flight
// with "stop all", the runs by status (next step and its due time, why it stopped, a link to the
// conversation), and per step the messages sent and the customers who answered after it.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useInfiniteQuery, useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { ExternalLinkIcon, OctagonXIcon } from 'lucide-react';
import type { ChainRun } from '@/lib/chains/list-runs';
import type { ChainStats } from '@/lib/chains/chain-stats';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { api, apiGet, query } from '../../api-client';
import { agentKeys } from '../../types';
import { useErrorToast } from '../../use-api-errors';
import { cn } from '@/lib/utils/cn';

const STATUSES = ['running', 'completed', 'stopped'] as const;
type Status = (typeof STATUSES)[number];

export const chainKeys = {
  stats: (chainId: string) => ['agents', 'chain', chainId, 'stats'] as const,
  runs: (chainId: string, status?: Status) => ['agents', 'chain', chainId, 'runs', ...(status ? [status] : [])] as const,
};

export function ChainActivity({ agentId, chainId, canWrite }: { agentId: string; chainId: string; canWrite: boolean }) {
  const t = useTranslations('chains');
  const base = `/api/agents/${agentId}/chains/${chainId}`;
  const stats = useQuery({ queryKey: chainKeys.stats(chainId), queryFn: ({ signal }) => apiGet<ChainStats>(`${base}/stats`, signal) });
  const running = stats.data?.running ?? 0;

  return (
    <div className="grid min-w-0 grid-cols-1 gap-6" data-testid="chain-activity">
      <section className="space-y-3" aria-labelledby="chain-runs-title">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0 flex-1 basis-60 space-y-1">
            <h3 id="chain-runs-title" className="text-sm font-medium" data-testid="chain-runs-in-flight">
              {stats.data ? t('runs.inFlight', { count: running }) : t('runs.title')}
            </h3>
            <p className="max-w-prose text-xs text-muted-foreground">{t('runs.inFlightHint')}</p>
          </div>
          {canWrite && <StopAll base={base} agentId={agentId} chainId={chainId} running={running} />}
        </div>
        <RunList base={base} chainId={chainId} />
      </section>
      <Results stats={stats.data} loading={stats.isPending} />
    </div>
  );
}

function StopAll({ base, agentId, chainId, running }: { base: string; agentId: string; chainId: string; running: number }) {
  const t = useTranslations('chains');
  const tc = useTranslations('agents.chains');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [open, setOpen] = useState(false);
  const stop = useMutation({
    mutationFn: () => api<{ stopped: number }>('POST', `${base}/runs/stop-all`),
    onSuccess: ({ stopped }) => {
      toast.success(t('runs.stopped', { count: stopped }));
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['agents', 'chain', chainId] });
      void qc.invalidateQueries({ queryKey: agentKeys.detail(agentId) });
    },
    onError: showError,
  });
  return (
    <>
      <Button type="button" variant="outline" size="sm" disabled={running === 0} onClick={() => setOpen(true)} data-testid="chain-stop-all">
        <OctagonXIcon aria-hidden />
        {t('runs.stopAll')}
      </Button>
      <AlertDialog open={open} onOpenChange={(o) => !stop.isPending && setOpen(o)}>
        <AlertDialogContent data-testid="chain-stop-all-dialog">
          <AlertDialogHeader>
            <AlertDialogTitle>{t('runs.stopAllTitle', { count: running })}</AlertDialogTitle>
            <AlertDialogDescription>{t('runs.stopAllDescription')}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={stop.isPending}>{tc('cancel')}</AlertDialogCancel>
            <Button variant="destructive" onClick={() => stop.mutate()} disabled={stop.isPending} data-testid="chain-stop-all-confirm">
              {stop.isPending && <Spinner aria-hidden />}
              {t('runs.stopAll')}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

function RunList({ base, chainId }: { base: string; chainId: string }) {
  const t = useTranslations('chains');
  const fmt = useTimeFormat();
  const wsHref = useWorkspaceHref();
  const [status, setStatus] = useState<Status>('running');
  const runs = useInfiniteQuery({
    queryKey: chainKeys.runs(chainId, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<{ data: ChainRun[]; next_cursor: string | null }>(`${base}/runs${query({ status, limit: 20, cursor: pageParam })}`, signal),
    getNextPageParam: (last) => last.next_cursor,
  });
  const rows = runs.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <div className="space-y-2">
      <div role="radiogroup" aria-label={t('runs.filter')} className="inline-flex flex-wrap gap-1 rounded-lg bg-muted p-1">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={status === s}
            onClick={() => setStatus(s)}
            className={cn(
              'rounded-md px-2.5 py-1 text-xs font-medium text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50',
              status === s && 'bg-background text-foreground shadow-sm dark:bg-input/40',
            )}
            data-testid={`chain-runs-filter-${s}`}
          >
            {t(`runs.status.${s}`)}
          </button>
        ))}
      </div>
      {runs.isPending ? (
        <Skeleton className="h-14 w-full" />
      ) : runs.isError ? (
        <p className="text-sm text-destructive">{t('runs.loadFailed')}</p>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-dashed px-3 py-4 text-center text-sm text-muted-foreground" data-testid="chain-runs-empty">
          {t('runs.empty')}
        </p>
      ) : (
        <ul className="divide-y rounded-lg border" data-testid="chain-runs">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2.5 text-sm" data-testid="chain-run">
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="font-medium tabular-nums">
                  {r.status === 'running' && r.next_due_at
                    ? t('runs.nextStep', { n: r.current_step + 1, total: r.steps_total, time: fmt.dateTime(r.next_due_at) })
                    : r.stop_reason
                      ? t(`reasons.${r.stop_reason}`)
                      : t(`runs.status.${r.status as Status}`)}
                </p>
                <p className="text-xs text-muted-foreground tabular-nums">
                  {t('runs.started', { time: fmt.dateTime(r.started_at) })}
                  {r.finished_at && ` · ${t('runs.finished', { time: fmt.dateTime(r.finished_at) })}`}
                  {` · ${t('runs.version', { v: r.chain_version })}`}
                </p>
              </div>
              <Link
                href={wsHref(`/conversations?c=${r.conversation_id}`)}
                className="inline-flex items-center gap-1 text-xs font-medium text-primary underline-offset-2 outline-none hover:underline focus-visible:underline"
                data-testid="chain-run-conversation"
              >
                {t('runs.openConversation')}
                <ExternalLinkIcon className="size-3.5" aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {runs.hasNextPage && (
        <Button type="button" variant="ghost" size="sm" onClick={() => runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
          {runs.isFetchingNextPage && <Spinner aria-hidden />}
          {t('runs.more')}
        </Button>
      )}
    </div>
  );
}

function Results({ stats, loading }: { stats?: ChainStats; loading: boolean }) {
  const t = useTranslations('chains');
  if (loading || !stats) return <Skeleton className="h-32 w-full" />;
  const reasons = Object.entries(stats.stopped_by).filter(([, n]) => n > 0);
  const numbers = [
    ['runsStarted', stats.runs_started],
    ['running', stats.running],
    ['completed', stats.completed],
  ] as const;
  return (
    <section className="space-y-3" aria-labelledby="chain-results-title" data-testid="chain-results">
      <h3 id="chain-results-title" className="text-sm font-medium">
        {t('results.title')}
      </h3>
      <dl className="grid grid-cols-3 gap-2">
        {numbers.map(([key, n]) => (
          <div key={key} className="min-w-0 rounded-lg border px-3 py-2">
            <dt className="truncate text-xs text-muted-foreground">{t(`results.${key}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`chain-results-${key}`}>
              {n}
            </dd>
          </div>
        ))}
      </dl>
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-sm" data-testid="chain-results-steps">
          <thead className="bg-muted/50 text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t('results.step')}
              </th>
              {(['sent', 'repliedAfter', 'drafted', 'failed'] as const).map((k) => (
                <th key={k} scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                  {t(`results.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y">
            {stats.steps.map((s) => (
              <tr key={s.index} className="tabular-nums" data-testid="chain-results-step">
                <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                  {t('results.stepN', { n: s.index + 1 })}
                </th>
                <td className="px-3 py-2 text-right">{s.sent}</td>
                <td className="px-3 py-2 text-right">{s.replied_after}</td>
                <td className="px-3 py-2 text-right text-muted-foreground">{s.drafted}</td>
                <td className={cn('px-3 py-2 text-right', s.failed > 0 ? 'text-destructive' : 'text-muted-foreground')}>{s.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="space-y-1.5">
        <p className="text-xs font-medium text-muted-foreground">{t('results.stoppedBy')}</p>
        {reasons.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('results.noStops')}</p>
        ) : (
          <ul className="flex flex-wrap gap-1.5" data-testid="chain-results-stopped-by">
            {reasons.map(([reason, n]) => (
              <li key={reason}>
                <Badge variant="secondary" className="font-normal">
                  {t(`reasons.${reason}` as 'reasons.failed')}: <span className="tabular-nums">{n}</span>
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** "Setup | Runs and results" above a saved chain's dialog. */
export function ChainDialogTabs({ value, onChange }: { value: 'setup' | 'results'; onChange: (v: 'setup' | 'results') => void }) {
  const t = useTranslations('chains');
  return (
    <div role="tablist" className="flex w-full min-w-0 gap-1 rounded-lg bg-muted p-1 sm:w-fit">
      {(['setup', 'results'] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={value === v}
          onClick={() => onChange(v)}
          className={cn(
            'min-w-0 flex-1 rounded-md px-3 py-1.5 text-sm font-medium text-balance text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 sm:flex-none',
            value === v && 'bg-background text-foreground shadow-sm dark:bg-input/40',
          )}
          data-testid={`chain-tab-${v}`}
        >
          {t(`tabs.${v}`)}
        </button>
      ))}
    </div>
  );
}
