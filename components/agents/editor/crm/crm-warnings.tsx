'use client';
// A yellow banner listing the settings of this tab that name CRM pipelines, stages or fields that
// no longer exist (agent.warnings, computed by the server on read), and a small marker for items.
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { TriangleAlertIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import type { FullAgent } from '../../types';
import { useEditor } from '../editor-context';

export type CrmWarning = FullAgent['warnings'][number];

export function CrmWarningsBanner({ prefixes, action }: { prefixes: string[]; action?: ReactNode }) {
  const t = useTranslations('agentsCrm.warnings');
  const { agent } = useEditor();
  const list = agent.warnings.filter((w) => prefixes.some((p) => w.where.startsWith(p)));
  if (list.length === 0) return null;
  return (
    <div
      role="status"
      className="flex flex-col gap-3 rounded-lg border border-warning/50 bg-warning/10 px-4 py-3 text-sm sm:flex-row sm:items-start"
      data-testid="crm-warnings"
    >
      <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-warning-foreground dark:text-warning" aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">{t('title', { count: list.length })}</p>
        <p className="text-muted-foreground">{t('description')}</p>
        <ul className="list-disc space-y-0.5 ps-5 text-muted-foreground">
          {list.map((w) => (
            <li key={w.where} className="break-all" data-testid="crm-warning">
              {t(w.kind, { ref: w.ref })}
            </li>
          ))}
        </ul>
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}

/** "Deleted from the CRM" next to an item that refers to something gone. */
export function MissingMarker({ className }: { className?: string }) {
  const t = useTranslations('agentsCrm.warnings');
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-md bg-warning/20 px-1.5 py-0.5 text-xs font-medium text-warning-foreground dark:text-warning',
        className,
      )}
      data-testid="crm-missing"
    >
      <TriangleAlertIcon className="size-3" aria-hidden />
      {t('marker')}
    </span>
  );
}
