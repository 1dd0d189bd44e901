'use client';
// A connection's health: webhook status, last message in and out (relative time), last error.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import type { Integration } from './types';

const WEBHOOK_VARIANT = { set: 'success', polling: 'secondary', failed: 'destructive', none: 'outline' } as const;

export function HealthList({ integration, testId }: { integration: Integration; testId: string }) {
  const t = useTranslations('integrations.health');
  const time = useTimeFormat();
  const now = Date.now();
  const h = integration.health;
  const when = (iso: string | null) =>
    iso ? (
      <time dateTime={iso} title={time.dateTime(iso)}>
        {time.relative(iso, now)}
      </time>
    ) : (
      <span className="text-muted-foreground">{t('never')}</span>
    );
  const status = h.webhook_status ?? 'none';
  const showWebhook = integration.type !== 'web_chat';
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid={`${testId}-health`}>
      {showWebhook && (
        <div className="grid gap-1">
          <dt className="text-xs text-muted-foreground">{t('webhook')}</dt>
          <dd>
            <Badge variant={WEBHOOK_VARIANT[status] ?? 'outline'} data-testid={`${testId}-webhook-status`} data-status={status}>
              {t(`webhookStatus.${status}`)}
            </Badge>
          </dd>
        </div>
      )}
      <div className="grid gap-1">
        <dt className="text-xs text-muted-foreground">{t('lastInbound')}</dt>
        <dd data-testid={`${testId}-last-inbound`}>{when(h.last_inbound_at)}</dd>
      </div>
      <div className="grid gap-1">
        <dt className="text-xs text-muted-foreground">{t('lastOutbound')}</dt>
        <dd data-testid={`${testId}-last-outbound`}>{when(h.last_outbound_at)}</dd>
      </div>
      <div className="grid gap-1 sm:col-span-2">
        <dt className="text-xs text-muted-foreground">{t('lastError')}</dt>
        <dd data-testid={`${testId}-last-error`}>
          {h.last_error ? (
            <span className="text-destructive dark:text-[color-mix(in_oklab,var(--destructive),white_30%)] [overflow-wrap:anywhere]">
              {h.last_error}
              {h.last_error_at && <span className="text-muted-foreground"> · {time.relative(h.last_error_at, now)}</span>}
            </span>
          ) : (
            <span className="text-muted-foreground">{t('noErrors')}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
