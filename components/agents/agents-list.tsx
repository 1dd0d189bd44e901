'use client';
// The agents page: search, active filter, paging, a row per agent and the "new agent" dialog.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { BotIcon, PlusIcon, SearchIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { apiGet, query } from './api-client';
import { agentKeys, type AgentListResponse } from './types';
import { useDebouncedValue } from './use-debounced-value';
import { Pager } from './pager';
import { AgentRow } from './agent-row';
import { CreateAgentDialog } from './create-agent-dialog';
import { ViewerNote } from './viewer-note';

const STATUSES = ['all', 'active', 'inactive'] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 10;

export function AgentsList({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('agents.list');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const debounced = useDebouncedValue(search.trim(), 300);
  const params = { search: debounced, status, page };

  const { data, isPending, isError, refetch, isFetching } = useQuery({
    queryKey: agentKeys.list(params),
    queryFn: ({ signal }) =>
      apiGet<AgentListResponse>(
        `/api/agents${query({ page, limit: PAGE_SIZE, search: debounced, is_active: status === 'all' ? undefined : status === 'active' })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  // Deleting the last row of the last page leaves an empty page: step back.
  useEffect(() => {
    if (data && data.pagination.page > Math.max(1, data.pagination.pages)) setPage(Math.max(1, data.pagination.pages));
  }, [data]);

  const filtered = debounced !== '' || status !== 'all';
  const empty = data && data.pagination.total === 0;
  const newButton = canWrite && (
    <Button onClick={() => setCreating(true)} data-testid="agents-new">
      <PlusIcon aria-hidden />
      {t('new')}
    </Button>
  );

  return (
    <div className="space-y-6" data-testid="agents-page">
      <PageHeader title={t('title')} description={t('description')} actions={newButton} />
      {!canWrite && <ViewerNote />}

      {empty && !filtered ? (
        <EmptyState
          icon={<BotIcon />}
          title={t('empty.title')}
          description={t('empty.description')}
          action={newButton}
          data-testid="agents-empty"
          className="bg-card py-16"
        />
      ) : (
        <div className="space-y-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="relative w-full sm:max-w-xs">
              <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
              <Input
                type="search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
                placeholder={t('searchPlaceholder')}
                aria-label={t('searchPlaceholder')}
                className="pl-9"
                data-testid="agents-search"
              />
            </div>
            <Tabs
              value={status}
              onValueChange={(v) => {
                setStatus(v as Status);
                setPage(1);
              }}
            >
              <TabsList aria-label={t('filterLabel')}>
                {STATUSES.map((s) => (
                  <TabsTrigger key={s} value={s} data-testid={`agents-filter-${s}`}>
                    {t(`filter.${s}`)}
                  </TabsTrigger>
                ))}
              </TabsList>
            </Tabs>
          </div>

          <div className="overflow-hidden rounded-xl border bg-card shadow-xs" aria-busy={isFetching}>
            <Table data-testid="agents-table">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="pl-4">{t('columns.name')}</TableHead>
                  <TableHead className="hidden md:table-cell">{t('columns.model')}</TableHead>
                  <TableHead>{t('columns.active')}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t('columns.messages')}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t('columns.conversations')}</TableHead>
                  <TableHead className="w-12 pr-4">
                    <span className="sr-only">{t('columns.actions')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {isPending &&
                  Array.from({ length: 3 }, (_, i) => (
                    <TableRow key={i}>
                      <TableCell colSpan={6} className="px-4">
                        <Skeleton className="h-8 w-full" />
                      </TableCell>
                    </TableRow>
                  ))}
                {data?.agents.map((agent) => <AgentRow key={agent.id} agent={agent} canWrite={canWrite} />)}
                {(isError || (empty && filtered)) && (
                  <TableRow className="hover:bg-transparent">
                    <TableCell colSpan={6} className="py-10 text-center text-sm text-muted-foreground" data-testid="agents-no-results">
                      {isError ? (
                        <span className="inline-flex items-center gap-2">
                          {t('loadFailed')}
                          <Button variant="link" size="sm" onClick={() => refetch()}>
                            {t('retry')}
                          </Button>
                        </span>
                      ) : (
                        t('noResults')
                      )}
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </div>
          {data && <Pager pagination={data.pagination} onPage={setPage} testId="agents-pager" />}
        </div>
      )}
      <CreateAgentDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}
