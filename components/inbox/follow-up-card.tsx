'use client';
// The conversation's follow-up chains (issue 10; GET /api/conversations/:id/chain-runs): the
// running one with step N of M, the next step's exact time in the workspace time zone and how far
// off it is, and Stop; past runs collapsed, finished or stopped with the reason in words. Live:
// refetched on chain_run.updated and message:new for this conversation, and when the due time passes.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronDownIcon, RepeatIcon, SquareIcon } from 'lucide-react';
import { api, apiGet } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useLiveEvent } from '@/components/realtime/use-live-event';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/sonner';

export interface ConversationChainRun {
  id: string;
  chain_id: string;
  chain_name: string;
  status: 'running' | 'completed' | 'stopped';
  stop_reason: string | null;
  current_step: number;
  steps_total: number;
  next_due_at: string | null;
  next_step: { index: number; due_at: string | null; moved_by_schedule?: boolean } | null;
  started_at: string;
  finished_at: string | null;
}

export const chainRunsKey = (conversationId: string) => ['conversation-chain-runs', conversationId] as const;

const REASONS = [
  'customer_replied', 'human_took_over', 'conversation_closed', 'deal_won', 'deal_lost', 'chain_off', 'agent_off',
  'quota_exhausted', 'stopped_by_user', 'chain_deleted', 'failed',
] as const;

/** `className` replaces the thread's edge-to-edge strip (the deal panel shows it as a boxed card). */
export function FollowUpCard({ conversationId, canWrite, className = 'border-b' }: { conversationId: string; canWrite: boolean; className?: string }) {
  const t = useTranslations('followups.card');
  const fmt = useTimeFormat();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const key = chainRunsKey(conversationId);
  const runs = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiGet<{ data: ConversationChainRun[] }>(`/api/conversations/${conversationId}/chain-runs`, signal),
  });
  useLiveEvent(['chain_run.updated', 'chain_run:updated', 'message:new'], (e) => {
    if (e.conversation_id === conversationId) void qc.invalidateQueries({ queryKey: key });
  });
  const stop = useMutation({
    mutationFn: (runId: string) => api('POST', `/api/conversations/${conversationId}/chain-runs/${runId}/stop`, {}),
    onSuccess: () => toast.success(t('stopped')),
    onError: (err: unknown) => toast.error(errorText(err)),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });

  const list = runs.data?.data ?? [];
  const running = list.filter((r) => r.status === 'running');
  const past = list.filter((r) => r.status !== 'running');
  const nextDue = running.map((r) => r.next_due_at).filter((d): d is string => !!d).map((d) => new Date(d).getTime()).sort((a, b) => a - b)[0];

  // The relative time ticks each minute; at the due time the step goes out, so read again.
  useEffect(() => {
    if (!running.length) return;
    const tick = setInterval(() => setNow(Date.now()), 60_000);
    const due = nextDue !== undefined ? setTimeout(() => void qc.invalidateQueries({ queryKey: key }), Math.max(0, nextDue - Date.now()) + 2_000) : null;
    return () => {
      clearInterval(tick);
      if (due) clearTimeout(due);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running.length, nextDue, conversationId]);

  if (!list.length) return null;
  return (
    <section className={`space-y-2 bg-muted/30 p-3 text-sm ${className}`} data-testid="followup-card" aria-label={t('title')}>
      {running.map((r) => {
        const due = r.next_step?.due_at ?? r.next_due_at;
        return (
          <div key={r.id} className="flex flex-wrap items-start gap-2" data-testid="followup-running" data-run={r.id}>
            <RepeatIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
            <div className="min-w-0 flex-1 space-y-0.5">
              <p className="font-medium">
                {t('title')}: <span className="break-words">{r.chain_name}</span>
              </p>
              <p className="text-muted-foreground" data-testid="followup-next">
                {due
                  ? t('nextAt', { n: r.current_step + 1, total: r.steps_total, at: fmt.dateTime(due), zone: fmt.zoneLabel(new Date(due)) })
                  : t('nextSoon', { n: r.current_step + 1, total: r.steps_total })}
                {due && <span className="ml-1">({fmt.relative(due, now)})</span>}
              </p>
              {r.next_step?.moved_by_schedule && <p className="text-xs text-amber-700 dark:text-amber-300">{t('moved')}</p>}
            </div>
            {canWrite && (
              <Button size="sm" variant="outline" onClick={() => stop.mutate(r.id)} disabled={stop.isPending} data-testid="followup-stop">
                <SquareIcon aria-hidden />
                {t('stop')}
              </Button>
            )}
          </div>
        );
      })}
      {past.length > 0 && (
        <div>
          <button
            type="button"
            className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
            onClick={() => setOpen((v) => !v)}
            aria-expanded={open}
            data-testid="followup-past-toggle"
          >
            <ChevronDownIcon className={`size-3.5 transition-transform ${open ? 'rotate-180' : ''}`} aria-hidden />
            {t('past', { count: past.length })}
          </button>
          {open && (
            <ul className="mt-1 space-y-1 text-xs" data-testid="followup-past">
              {past.map((r) => (
                <li key={r.id} className="text-muted-foreground" data-status={r.status} data-reason={r.stop_reason ?? ''}>
                  <span className="font-medium text-foreground">{r.chain_name}</span>
                  {' — '}
                  {r.status === 'completed'
                    ? t('completed', { total: r.steps_total })
                    : t('stoppedAt', { n: r.current_step, total: r.steps_total, reason: (REASONS as readonly string[]).includes(r.stop_reason ?? '') ? t(`reasons.${r.stop_reason as (typeof REASONS)[number]}`) : t('reasons.other') })}
                  {r.finished_at && <span>, {fmt.dateTime(r.finished_at)}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
