'use client';
// The articles of the selected category (with its subcategories), or search results best-first.
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { FileTextIcon, InfoIcon, PlusIcon, SearchIcon, SearchXIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { apiGet, query } from '@/components/agents/api-client';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { Pager } from '@/components/agents/pager';
import { articleCount, kbKeys, type ArticleListResponse, type Category } from './types';
import { ArticleRow } from './article-row';

const STATUSES = ['all', 'active', 'inactive'] as const;
type Status = (typeof STATUSES)[number];

export function ArticleList({
  category,
  canWrite,
  newArticleHref,
  semantic = true,
}: {
  category: Category | null;
  canWrite: boolean;
  newArticleHref: string;
  /** Whether search can match by meaning (pgvector + embeddings configured). */
  semantic?: boolean;
}) {
  const t = useTranslations('kb.articles');
  const tq = useTranslations('kbQuality');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState(1);
  const debounced = useDebouncedValue(search.trim(), 350);
  useEffect(() => setPage(1), [category?.id, debounced, status]);

  const params = { search: debounced, category_id: category?.id, status, page };
  const { data, isPending, isError, isFetching, refetch } = useQuery({
    queryKey: kbKeys.articles(params),
    queryFn: ({ signal }) =>
      apiGet<ArticleListResponse>(
        `/api/kb/articles${query({
          page,
          limit: 10,
          search: debounced,
          category_id: category?.id,
          is_active: status === 'all' ? undefined : status === 'active',
        })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const searching = debounced !== '';
  // Deleting or switching off the last row of the last page leaves an empty page: step back.
  useEffect(() => {
    if (data && data.pagination.page > Math.max(1, data.pagination.pages)) setPage(Math.max(1, data.pagination.pages));
  }, [data]);

  return (
    <section className="min-w-0 space-y-4" aria-labelledby="kb-articles-heading" data-testid="kb-articles">
      <div className="flex flex-col gap-1">
        <h2 id="kb-articles-heading" className="truncate text-lg font-semibold tracking-tight" data-testid="kb-articles-title">
          {category?.name ?? t('allTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">
          {category
            ? t('categoryCounts', { subcategories: category.subcategories_count, articles: articleCount(category) })
            : t('allDescription')}
        </p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={category ? t('searchInCategory', { name: category.name }) : t('searchPlaceholder')}
            aria-label={t('searchPlaceholder')}
            className="pl-9"
            data-testid="kb-search"
          />
        </div>
        <Tabs value={status} onValueChange={(v) => setStatus(v as Status)}>
          <TabsList aria-label={t('filterLabel')}>
            {STATUSES.map((s) => (
              <TabsTrigger key={s} value={s} data-testid={`kb-filter-${s}`}>
                {t(`filter.${s}`)}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
      </div>

      {searching && !semantic && (
        <p className="flex items-start gap-2 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-xs text-foreground" data-testid="kb-semantic-off">
          <InfoIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          {tq('semanticOff')}
        </p>
      )}
      {searching && data && (
        <p className="text-xs text-muted-foreground" data-testid="kb-search-summary" aria-live="polite">
          {t('searchSummary', { count: data.pagination.total })}
        </p>
      )}

      <div className="space-y-2" aria-busy={isFetching} data-testid="kb-article-list">
        {isPending && Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-20 w-full rounded-xl" />)}
        {isError && (
          <div className="rounded-xl border px-4 py-8 text-center text-sm text-muted-foreground">
            {t('loadFailed')}{' '}
            <Button variant="link" size="sm" onClick={() => refetch()}>
              {t('retry')}
            </Button>
          </div>
        )}
        {data?.articles.map((a) => <ArticleRow key={a.id} article={a} canWrite={canWrite} searching={searching} />)}
        {data && data.articles.length === 0 && (
          searching ? (
            <EmptyState icon={<SearchXIcon />} title={t('noResults')} description={t('noResultsHint')} data-testid="kb-no-results" />
          ) : (
            <EmptyState
              icon={<FileTextIcon />}
              title={category ? t('emptyCategory') : t('empty')}
              description={t('emptyHint')}
              data-testid="kb-articles-empty"
              action={
                canWrite && (
                  <Button asChild variant="outline">
                    <Link href={newArticleHref}>
                      <PlusIcon aria-hidden />
                      {t('new')}
                    </Link>
                  </Button>
                )
              }
            />
          )
        )}
      </div>
      {data && <Pager pagination={data.pagination} onPage={setPage} testId="kb-pager" />}
    </section>
  );
}
