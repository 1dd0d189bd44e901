'use client';
// A weekly schedule: for each weekday on/off and from-to times (agent working hours, chain schedules).
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils/cn';
import { Input } from '@/components/ui/input';
import { Switch } from '@/components/ui/switch';
import { Label } from '@/components/ui/label';
import { useFieldError } from '../use-api-errors';
import type { AgentVocab, Weekday } from '../vocab';

export interface ScheduleDay {
  day: Weekday;
  enabled: boolean;
  start: string;
  end: string;
}
/** Translation keys of WEEKDAYS (stored as the Russian names the seed uses), by position. */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** All seven days in order, filling the ones a stored schedule lacks (weekdays 9-18 on, weekend off). */
export function fullWeek(
  days: readonly { day: string; enabled: boolean; start: string; end: string }[] | null | undefined,
  weekdays: AgentVocab['weekdays'],
): ScheduleDay[] {
  return weekdays.map((day, i) => {
    const found = days?.find((d) => d.day === day);
    return found ? { day, enabled: found.enabled, start: found.start, end: found.end } : { day, enabled: i < 5, start: '09:00', end: '18:00' };
  });
}

type DayErrors = { start?: { message?: string; type?: string }; end?: { message?: string; type?: string } } | undefined;

export function ScheduleEditor({
  value,
  onChange,
  errors,
  disabled,
  testId = 'schedule',
}: {
  value: ScheduleDay[];
  onChange: (next: ScheduleDay[]) => void;
  errors?: DayErrors[];
  disabled?: boolean;
  testId?: string;
}) {
  const t = useTranslations('agents.schedule');
  const fieldError = useFieldError();
  const set = (i: number, patch: Partial<ScheduleDay>) => onChange(value.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <div className="divide-y rounded-lg border" data-testid={testId}>
      {value.map((d, i) => {
        const err = errors?.[i];
        const message = fieldError(err?.end) ?? fieldError(err?.start);
        const id = `${testId}-${WEEKDAY_KEYS[i]}`;
        return (
          <div key={d.day} className="px-3 py-2.5 sm:px-4" data-testid={`${testId}-day`}>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <div className="flex w-40 items-center gap-3">
                <Switch id={id} checked={d.enabled} onCheckedChange={(enabled) => set(i, { enabled })} disabled={disabled} data-testid={`${testId}-enabled`} />
                <Label htmlFor={id} className={cn('font-normal', !d.enabled && 'text-muted-foreground')}>
                  {t(`days.${WEEKDAY_KEYS[i]}`)}
                </Label>
              </div>
              {d.enabled ? (
                <div className="flex items-center gap-2">
                  <Input
                    type="time"
                    value={d.start}
                    onChange={(e) => set(i, { start: e.target.value })}
                    className="w-32 tabular-nums"
                    aria-label={t('from', { day: t(`days.${WEEKDAY_KEYS[i]}`) })}
                    aria-invalid={!!err?.start || undefined}
                    disabled={disabled}
                    data-testid={`${testId}-start`}
                  />
                  <span className="text-muted-foreground" aria-hidden>
                    –
                  </span>
                  <Input
                    type="time"
                    value={d.end}
                    onChange={(e) => set(i, { end: e.target.value })}
                    className="w-32 tabular-nums"
                    aria-label={t('to', { day: t(`days.${WEEKDAY_KEYS[i]}`) })}
                    aria-invalid={!!err?.end || undefined}
                    disabled={disabled}
                    data-testid={`${testId}-end`}
                  />
                </div>
              ) : (
                <span className="text-sm text-muted-foreground">{t('dayOff')}</span>
              )}
            </div>
            {message && d.enabled && <p className="mt-1.5 text-sm font-medium text-destructive" role="alert">{message}</p>}
          </div>
        );
      })}
    </div>
  );
}
