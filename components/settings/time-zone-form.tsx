'use client';
// The workspace's time zone: every time in the dashboard is shown in it (owners and admins change it).
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { controlBase } from '@/components/ui/input';
import { toast } from '@/components/ui/sonner';
import { cn } from '@/lib/utils/cn';
import { useWorkspaceAction } from '@/components/dashboard/workspace-context';
import { serverErrorOf, useErrorText } from '@/components/forms/errors';
import { updateTimeZoneAction } from '@/app/(dashboard)/w/[slug]/settings/actions';

export interface ZoneOption {
  id: string;
  /** "Europe/Berlin (GMT+1)", worded on the server. */
  label: string;
}

/**
 * Zones, their offsets and the current time come from the server: it validates
 * the zone, and browsers' time-zone data can lag the server's (an offset that
 * changed), which would otherwise make the texts differ at hydration.
 */
export function TimeZoneForm({ timeZone, zones, now, canWrite }: { timeZone: string; zones: ZoneOption[]; now: string; canWrite: boolean }) {
  const t = useTranslations('settings.timeZone');
  const errorText = useErrorText();
  const router = useRouter();
  const save = useWorkspaceAction(updateTimeZoneAction);
  const [value, setValue] = useState(timeZone);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

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
            <option key={z.id} value={z.id}>
              {z.label}
            </option>
          ))}
        </select>
        {error ? (
          <p role="alert" className="text-sm font-medium text-destructive" data-testid="time-zone-error">
            {error}
          </p>
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="time-zone-now">
            {now}
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
