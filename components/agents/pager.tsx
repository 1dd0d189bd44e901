'use client';
// Previous / next paging with "a–b of n" for list endpoints' { page, limit, total, pages }; hidden for one page.
import { useTranslations } from 'next-intl';
import { ChevronLeftIcon, ChevronRightIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { Pagination } from './api-client';

export function Pager({ pagination, onPage, testId }: { pagination: Pagination; onPage: (page: number) => void; testId: string }) {
  const t = useTranslations('agents.shared.pager');
  const { page, pages, total, limit } = pagination;
  if (pages <= 1) return null;
  const from = (page - 1) * limit + 1;
  const to = Math.min(total, page * limit);
  return (
    <nav className="flex items-center justify-between gap-3 text-sm text-muted-foreground" aria-label={t('label')} data-testid={testId}>
      <span>{t('range', { from, to, total })}</span>
      <div className="flex items-center gap-1.5">
        <Button
          variant="outline"
          size="sm"
          onClick={() => onPage(page - 1)}
          disabled={page <= 1}
          data-testid={`${testId}-prev`}
          aria-label={t('previous')}
        >
          <ChevronLeftIcon aria-hidden />
          <span className="hidden sm:inline">{t('previous')}</span>
        </Button>
        <span className="px-2 tabular-nums">{t('page', { page, pages })}</span>
        <Button
          variant="outline"
          size="sm"
          onClick={() => onPage(page + 1)}
          disabled={page >= pages}
          data-testid={`${testId}-next`}
          aria-label={t('next')}
        >
          <span className="hidden sm:inline">{t('next')}</span>
          <ChevronRightIcon aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
