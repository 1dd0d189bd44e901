'use client';
// Shown to roles that may look but not change: the controls below are disabled and the server refuses anyway.
import { useTranslations } from 'next-intl';
import { EyeIcon } from 'lucide-react';

export function ViewerNote() {
  const t = useTranslations('agents.shared');
  return (
    <div
      className="flex items-start gap-3 rounded-lg border border-dashed bg-muted/50 px-4 py-3 text-sm text-muted-foreground"
      data-testid="viewer-note"
      role="note"
    >
      <EyeIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p>{t('viewerNote')}</p>
    </div>
  );
}
