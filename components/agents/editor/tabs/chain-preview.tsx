'use client';
// The chain's timeline for a sample start (issue 10 "Visible timing"): "last message Fri 21:30 →
// step 1 Mon 08:00 (moved by the schedule) → step 2 Mon 11:00", in the workspace's time zone,
// recalculated by the server (the same timing the runs use) as the owner edits, unsaved edits included.
import { useMemo, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useWatch, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { CalendarClockIcon, MoveRightIcon } from 'lucide-react';
import type { createChainSchema } from '@/lib/agents/schemas';
import { timeFormatter, wallClock, type TimeFormatter } from '@/lib/i18n/format-time';
import { isLocale } from '@/lib/i18n/config';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { usePageWorkspace } from '@/components/dashboard/workspace-context';
import { wallTimeToIso } from '@/components/crm/tasks/group-tasks';
import { api, ApiError } from '../../api-client';
import { useDebouncedValue } from '../../use-debounced-value';
import { cn } from '@/lib/utils/cn';

type Values = z.input<typeof createChainSchema>;

interface Preview {
  time_zone: string;
  start_at: string;
  steps: { index: number; due_at: string | null; moved_by_schedule: boolean }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The coming Friday 21:30 on the workspace's wall clock, as a datetime-local value. */
export function comingFriday(now: Date, timeZone: string): string {
  const w = wallClock(now, timeZone);
  const today = new Date(Date.UTC(w.y, w.m - 1, w.d));
  let days = (5 - today.getUTCDay() + 7) % 7;
  if (days === 0 && w.h * 60 + w.min >= 21 * 60 + 30) days = 7;
  const friday = new Date(today.getTime() + days * 86_400_000);
  return `${friday.getUTCFullYear()}-${pad(friday.getUTCMonth() + 1)}-${pad(friday.getUTCDate())}T21:30`;
}

/** Monday-first index of the weekday at `d` on the zone's wall clock. */
const weekdayIndex = (d: Date, timeZone: string) => {
  const w = wallClock(d, timeZone);
  return (new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay() + 6) % 7;
};

export function ChainPreview({ control, agentId, chainId }: { control: Control<Values>; agentId: string; chainId: string | null }) {
  const t = useTranslations('chains');
  const raw = useLocale();
  const workspace = usePageWorkspace();
  const [start, setStart] = useState(() => comingFriday(new Date(), workspace.timeZone));
  const steps = useWatch({ control, name: 'steps' });
  const schedule = useWatch({ control, name: 'schedule' });
  const startAt = wallTimeToIso(start, workspace.timeZone);
  // Only the timing matters; a step with an empty delay is not sent (the server would refuse it).
  const timing = (steps ?? []).map((s) => ({ delay_value: Number(s.delay_value), delay_unit: s.delay_unit }));
  const complete = timing.length > 0 && timing.every((s) => Number.isInteger(s.delay_value) && s.delay_value >= 0);
  const body = useDebouncedValue(JSON.stringify({ start_at: startAt, steps: timing, schedule: schedule ?? null }), 400);
  const url = chainId ? `/api/agents/${agentId}/chains/${chainId}/preview` : `/api/agents/${agentId}/chains/preview`;
  const preview = useQuery({
    queryKey: ['agents', 'chain-preview', url, body],
    enabled: Boolean(startAt) && complete,
    queryFn: ({ signal }) => api<Preview>('POST', url, JSON.parse(body), signal),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const fmt = useMemo(
    () => timeFormatter(isLocale(raw) ? raw : 'ru', preview.data?.time_zone ?? workspace.timeZone),
    [raw, preview.data?.time_zone, workspace.timeZone],
  );
  const invalid = !complete || !startAt || (preview.error instanceof ApiError && preview.error.status === 400);
  const weekdays = t.raw('weekdays') as string[];

  return (
    <section className="space-y-3 rounded-lg border bg-muted/30 p-3 sm:p-4" data-testid="chain-preview" aria-labelledby="chain-preview-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 id="chain-preview-title" className="flex items-center gap-2 text-sm font-medium">
            <CalendarClockIcon className="size-4 text-muted-foreground" aria-hidden />
            {t('preview.title')}
            {preview.isFetching && <Spinner className="size-3.5" aria-hidden />}
          </h3>
          <p className="text-xs text-muted-foreground">{t('preview.hint', { zone: fmt.zoneLabel() })}</p>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="chain-preview-start" className="text-xs">
            {t('preview.sampleStart')}
          </Label>
          <Input
            id="chain-preview-start"
            type="datetime-local"
            className="h-8 w-auto text-sm"
            value={start}
            onChange={(e) => e.target.value && setStart(e.target.value)}
            data-testid="chain-preview-start"
          />
        </div>
      </div>
      {invalid ? (
        <p className="text-sm text-muted-foreground" data-testid="chain-preview-invalid">
          {t('preview.invalid')}
        </p>
      ) : preview.isError ? (
        <p className="text-sm text-destructive">{t('preview.failed')}</p>
      ) : (
        <ol className={cn('flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-stretch', preview.isPlaceholderData && 'opacity-60')} aria-live="polite">
          {startAt && <Point label={t('preview.lastMessage')} at={startAt} fmt={fmt} weekdays={weekdays} testId="chain-preview-start-point" />}
          {preview.data?.steps.map((s) => (
            <Point
              key={s.index}
              label={t('preview.step', { n: s.index + 1 })}
              at={s.due_at}
              fmt={fmt}
              weekdays={weekdays}
              moved={s.moved_by_schedule ? t('preview.moved') : undefined}
              never={t('preview.never')}
              testId="chain-preview-step"
              arrow
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function Point({
  label,
  at,
  fmt,
  weekdays,
  moved,
  never,
  testId,
  arrow,
}: {
  label: string;
  at: string | null;
  fmt: TimeFormatter;
  weekdays: string[];
  moved?: string;
  never?: string;
  testId: string;
  arrow?: boolean;
}) {
  const d = at ? new Date(at) : null;
  return (
    <li className="flex items-center gap-2" data-testid={testId} data-moved={moved ? 'true' : undefined}>
      {arrow && <MoveRightIcon className="hidden size-4 shrink-0 text-muted-foreground sm:block" aria-hidden />}
      <div className={cn('min-w-0 flex-1 rounded-md border bg-background px-3 py-2 sm:flex-none', moved && 'border-amber-500/50')}>
        <p className="text-xs text-muted-foreground">{label}</p>
        {d ? (
          <>
            <p className="text-sm font-semibold tabular-nums" data-testid={`${testId}-time`}>
              {weekdays[weekdayIndex(d, fmt.timeZone)]} {fmt.time(d)}
            </p>
            <p className="text-xs text-muted-foreground tabular-nums">{fmt.date(d)}</p>
          </>
        ) : (
          <p className="text-sm text-destructive">{never}</p>
        )}
        {moved && (
          <Badge variant="outline" className="mt-1 border-amber-500/50 font-normal text-amber-700 dark:text-amber-400" data-testid={`${testId}-moved`}>
            {moved}
          </Badge>
        )}
      </div>
    </li>
  );
}
