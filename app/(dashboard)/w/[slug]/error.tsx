'use client';
// A section that failed to render keeps the shell; the person can retry or go back.
import { useTranslations } from 'next-intl';
import { RotateCwIcon, TriangleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { WorkspaceLink } from '@/components/dashboard/workspace-link';

export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common.sectionError');
  return (
    <EmptyState
      data-testid="section-error"
      icon={<TriangleAlertIcon />}
      title={t('title')}
      description={t('description')}
      action={
        <>
          <Button onClick={reset}>
            <RotateCwIcon aria-hidden />
            {t('retry')}
          </Button>
          <Button asChild variant="outline">
            <WorkspaceLink to="">{t('back')}</WorkspaceLink>
          </Button>
        </>
      }
    />
  );
}
