'use client';
// The workspace's time zone: every time in the dashboard is shown in it (owners and admins change it).
import { useMemo, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { controlBase } from '@/components/ui/input';
import { toast } from '@/components/ui/sonner';
import { cn } from '@/lib/utils/cn';
import { gmtLabel } from '@/lib/i18n/format-time';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceAction } from '@/components/dashboard/workspace-context';
import { serverErrorOf, useErrorText } from '@/components/forms/errors';
import { updateTimeZoneAction } from '@/app/(dashboard)/w/[slug]/settings/actions';

/**
 * `zones` and `nowIso` come from the server: it is the server that validates
 * the zone, and the same list and clock on both sides keep hydration clean.
 */
export function TimeZoneForm({ timeZone, zones, nowIso, canWrite }: { timeZone: string; zones: string[]; nowIso: string; canWrite: boolean }) {
  const t = useTranslations('settings.timeZone');
  const errorText = useErrorText();
  const router = useRouter();
  const time = useTimeFormat();
  const save = useWorkspaceAction(updateTimeZoneAction);
  const [value, setValue] = useState(timeZone);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const now = useMemo(() => new Date(nowIso), [nowIso]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    startTransition(async () => {
      const result = await save({ time_zone: value });
      const err = serverErrorOf(result);
      if (err || !result?.data) {
        setError(errorText(err));
        return;
      }
      toast.success(t('saved'));
      router.refresh();
    });
  };

  return (
    <form onSubmit={onSubmit} className="grid gap-3" data-testid="time-zone-form">
      <div className="grid gap-2">
        <Label htmlFor="time-zone">{t('label')}</Label>
        <select
          id="time-zone"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={!canWrite || pending}
          aria-invalid={error ? true : undefined}
          className={cn(controlBase, 'h-9 py-1 sm:max-w-sm')}
          data-testid="time-zone-select"
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')} ({gmtLabel(now, z)})
            </option>
          ))}
        </select>
        {error ? (
          <p role="alert" className="text-sm font-medium text-destructive" data-testid="time-zone-error">
            {error}
          </p>
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="time-zone-now">
            {t('now', { time: time.dateTime(now), zone: time.zoneLabel(now) })}
          </p>
        )}
        {!canWrite && <p className="text-sm text-muted-foreground">{t('readOnly')}</p>}
      </div>
      {canWrite && (
        <div>
          <Button type="submit" disabled={pending || value === timeZone} data-testid="time-zone-submit">
            {t('save')}
          </Button>
        </div>
      )}
    </form>
  );
}
