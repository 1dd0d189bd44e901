'use client';
// Chain results at a glance (issue 10 "Results"): a chain list row's runs, in flight, sent and
// answered, and the same added up over the agent's chains in the agent page's header.
import { useTranslations } from 'next-intl';
import { ListOrderedIcon } from 'lucide-react';
import type { Chain } from '../types';

type Stats = Chain['stats'];

export function ChainRowStats({ chain }: { chain: Chain }) {
  const t = useTranslations('chains');
  const s = chain.stats;
  if (!s) return null;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground tabular-nums" data-testid="chain-row-stats">
      <span>{t('list.started', { count: s.runs_started })}</span>
      <span aria-hidden>·</span>
      <span className={chain.runs_in_flight > 0 ? 'font-medium text-foreground' : undefined} data-testid="chain-row-in-flight">
        {t('list.inFlight', { count: chain.runs_in_flight })}
      </span>
      <span aria-hidden>·</span>
      <span>{t('list.sent', { count: s.sent })}</span>
      <span aria-hidden>·</span>
      <span>{t('list.replied', { count: s.replied })}</span>
    </p>
  );
}

/** The agent's chains added up; nothing when it has none. */
export function ChainTotals({ chains, onOpen }: { chains: Chain[]; onOpen: () => void }) {
  const t = useTranslations('chains');
  if (!chains.length) return null;
  const sum = (k: keyof Stats) => chains.reduce((n, c) => n + (c.stats?.[k] ?? 0), 0);
  return (
    <button
      type="button"
      onClick={onOpen}
      className="inline-flex max-w-full flex-wrap items-center gap-x-1.5 gap-y-0.5 rounded-md border px-2 py-0.5 text-left text-xs tabular-nums outline-none transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50"
      data-testid="agent-chain-totals"
    >
      <ListOrderedIcon className="size-3 shrink-0" aria-hidden />
      <span className="font-medium">{t('totals.label')}:</span>
      <span>{t('totals.summary', { started: sum('runs_started'), inFlight: sum('running'), sent: sum('sent'), replied: sum('replied') })}</span>
    </button>
  );
}
