'use client';
// A section that failed to render keeps the shell; the person can retry or go back.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { RotateCwIcon, TriangleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

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
            <Link href="/dashboard">{t('back')}</Link>
          </Button>
        </>
      }
    />
  );
}
