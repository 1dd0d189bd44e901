'use client';
// Warnings the API attaches to a connection (app_url_not_https …), said plainly.
import { useTranslations } from 'next-intl';
import { TriangleAlertIcon } from 'lucide-react';

export function Warnings({ warnings }: { warnings?: string[] }) {
  const t = useTranslations('integrations.warnings');
  if (!warnings?.length) return null;
  return (
    <ul className="grid gap-2" data-testid="integration-warnings">
      {warnings.map((w) => (
        <li
          key={w}
          className="flex items-start gap-2 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-foreground"
          data-testid={`integration-warning-${w}`}
        >
          <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-warning-foreground dark:text-warning" aria-hidden />
          <span className="min-w-0 [overflow-wrap:anywhere]">{t.has(w) ? t(w) : w}</span>
        </li>
      ))}
    </ul>
  );
}
