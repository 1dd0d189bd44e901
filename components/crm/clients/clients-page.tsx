'use client';
// The clients list: search, filters, "load more" by cursor; table on wide screens, cards on phones.
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { DownloadIcon, PlusIcon, SearchIcon, UploadIcon, UsersIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Switch } from '@/components/ui/switch';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ViewerNote } from '@/components/agents/viewer-note';
import { apiGet, query, workspaceHeaders, errorFromResponse } from '@/components/agents/api-client';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { CLIENT_STATUSES, CLIENT_TYPES, clientKeys, filterParams, type ClientFilters, type ClientListItem } from './types';
import { ChannelIcon, ClientAvatar, TypeBadge, formatPhone } from './display';
import { useMembers } from './use-crm-data';
import { ClientFormDialog } from './client-form-dialog';
import { ImportWizard } from './import-wizard';

interface ListPage {
  data: ClientListItem[];
  next_cursor: string | null;
}

export function ClientsPage({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('clients');
  const wsHref = useWorkspaceHref();
  const fmt = useTimeFormat();
  const members = useMembers();
  const errorToast = useErrorToast();
  const [filters, setFilters] = useState<ClientFilters>({ search: '', status: 'all', type: 'all', responsible: 'all', activeOnly: false });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const search = useDebouncedValue(filters.search.trim(), 350);
  const params = filterParams({ ...filters, search });
  const set = <K extends keyof ClientFilters>(k: K, v: ClientFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  const list = useInfiniteQuery({
    queryKey: clientKeys.list(params),
    queryFn: ({ pageParam, signal }) => apiGet<ListPage>(`/api/clients${query({ ...params, cursor: pageParam, limit: 50 })}`, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const exportCsv = async () => {
    setExporting(true);
    try {
      const res = await fetch(`/api/clients/export${query(params)}`, { credentials: 'same-origin', headers: workspaceHeaders() });
      if (!res.ok) throw await errorFromResponse(res);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `clients-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      errorToast(err);
    } finally {
      setExporting(false);
    }
  };

  const filtered = Object.values(params).some(Boolean);

  return (
    <div className="space-y-6" data-testid="clients-page">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button variant="outline" onClick={exportCsv} disabled={exporting} data-testid="clients-export">
              <DownloadIcon aria-hidden />
              {t('exportCsv')}
            </Button>
            {canWrite && (
              <Button variant="outline" onClick={() => setImporting(true)} data-testid="clients-import">
                <UploadIcon aria-hidden />
                {t('importCsv')}
              </Button>
            )}
            {canWrite && (
              <Button onClick={() => setCreating(true)} data-testid="clients-new">
                <PlusIcon aria-hidden />
                {t('new')}
              </Button>
            )}
          </>
        }
      />
      {!canWrite && <ViewerNote />}

      <div className="flex flex-col gap-3 lg:flex-row lg:flex-wrap lg:items-center">
        <div className="relative min-w-0 flex-1 lg:min-w-64">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            value={filters.search}
            onChange={(e) => set('search', e.target.value)}
            placeholder={t('searchPlaceholder')}
            aria-label={t('searchPlaceholder')}
            className="pl-9"
            data-testid="clients-search"
          />
        </div>
        <div className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-center">
          <Select value={filters.status} onValueChange={(v) => set('status', v as ClientFilters['status'])}>
            <SelectTrigger className="w-full sm:w-40" aria-label={t('filters.status')} data-testid="clients-filter-status">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">{t('filters.anyStatus')}</SelectItem>
              {CLIENT_STATUSES.map((s) => (
                <SelectItem key={s} value={s}>
                  {t(`statuses.${s}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={filters.type} onValueChange={(v) => set('type', v as ClientFilters['type'])}>
            <SelectTrigger className="w-full sm:w-40" aria-label={t('filters.type')} data-testid="clients-filter-type">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">{t('filters.anyType')}</SelectItem>
              {CLIENT_TYPES.map((s) => (
                <SelectItem key={s} value={s}>
                  {t(`types.${s}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={filters.responsible} onValueChange={(v) => set('responsible', v)}>
            <SelectTrigger className="col-span-2 w-full sm:w-56" aria-label={t('filters.responsible')} data-testid="clients-filter-responsible">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">{t('filters.anyResponsible')}</SelectItem>
              <SelectItem value="me">{t('filters.me')}</SelectItem>
              <SelectItem value="none">{t('filters.nobody')}</SelectItem>
              {members.data?.map((m) => (
                <SelectItem key={m.user_id} value={m.user_id}>
                  {m.full_name || m.email}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <div className="col-span-2 flex items-center gap-2">
            <Switch id="clients-active-only" checked={filters.activeOnly} onCheckedChange={(v) => set('activeOnly', v)} data-testid="clients-filter-active" />
            <Label htmlFor="clients-active-only" className="text-sm font-normal">
              {t('filters.activeDialogs')}
            </Label>
          </div>
        </div>
      </div>

      <div aria-busy={list.isFetching} data-testid="clients-list">
        {list.isPending && (
          <div className="space-y-2">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-14 w-full rounded-lg" />
            ))}
          </div>
        )}
        {list.isError && (
          <div className="rounded-xl border px-4 py-8 text-center text-sm text-muted-foreground">
            {t('loadFailed')}{' '}
            <Button variant="link" size="sm" onClick={() => list.refetch()}>
              {t('retry')}
            </Button>
          </div>
        )}
        {list.data && rows.length === 0 && (
          <EmptyState
            icon={<UsersIcon />}
            title={filtered ? t('noResults') : t('empty')}
            description={filtered ? t('noResultsHint') : t('emptyHint')}
            data-testid="clients-empty"
          />
        )}
        {rows.length > 0 && (
          <>
            <div className="hidden overflow-x-auto rounded-xl border md:block">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('columns.name')}</TableHead>
                    <TableHead>{t('columns.phone')}</TableHead>
                    <TableHead>{t('columns.channels')}</TableHead>
                    <TableHead>{t('columns.type')}</TableHead>
                    <TableHead>{t('columns.responsible')}</TableHead>
                    <TableHead className="text-right" title={t('columns.dialogsHint')}>
                      {t('columns.dialogs')}
                    </TableHead>
                    <TableHead>{t('columns.lastContact')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((c) => (
                    <TableRow key={c.id} data-testid="client-row">
                      <TableCell>
                        <Link href={wsHref(`/clients/${c.id}`)} className="flex min-w-0 items-center gap-3 font-medium hover:underline">
                          <ClientAvatar name={c.name} />
                          <span className="min-w-0">
                            <span className="block truncate" data-testid="client-row-name">
                              {c.name}
                            </span>
                            {c.email && <span className="block truncate text-xs font-normal text-muted-foreground">{c.email}</span>}
                          </span>
                        </Link>
                      </TableCell>
                      <TableCell className="whitespace-nowrap tabular-nums">{formatPhone(c.phone) || '—'}</TableCell>
                      <TableCell>
                        <div className="flex gap-1.5">
                          {c.channels.map((ch) => (
                            <ChannelIcon key={ch} type={ch} />
                          ))}
                        </div>
                      </TableCell>
                      <TableCell>
                        <TypeBadge type={c.type} />
                      </TableCell>
                      <TableCell className="text-sm">{c.responsible?.name ?? '—'}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {c.active_dialogs_count}/{c.total_dialogs_count}
                      </TableCell>
                      <TableCell className="whitespace-nowrap text-sm text-muted-foreground">
                        {c.last_contact_at ? fmt.date(c.last_contact_at) : '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <ul className="space-y-2 md:hidden">
              {rows.map((c) => (
                <li key={c.id} data-testid="client-card-item">
                  <Link href={wsHref(`/clients/${c.id}`)} className="flex gap-3 rounded-xl border p-3 hover:bg-accent/50">
                    <ClientAvatar name={c.name} />
                    <div className="min-w-0 flex-1 space-y-1">
                      <div className="flex items-start justify-between gap-2">
                        <span className="truncate font-medium">{c.name}</span>
                        <TypeBadge type={c.type} />
                      </div>
                      <div className="text-sm text-muted-foreground tabular-nums">{formatPhone(c.phone) || c.email || '—'}</div>
                      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                        <span className="flex gap-1">
                          {c.channels.map((ch) => (
                            <ChannelIcon key={ch} type={ch} />
                          ))}
                        </span>
                        <span>{t('dialogsShort', { active: c.active_dialogs_count, total: c.total_dialogs_count })}</span>
                        {c.last_contact_at && <span>{fmt.date(c.last_contact_at)}</span>}
                        {c.responsible && <span className="truncate">{c.responsible.name}</span>}
                      </div>
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
        {list.hasNextPage && (
          <div className="mt-4 flex justify-center">
            <Button variant="outline" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="clients-load-more">
              {t('loadMore')}
            </Button>
          </div>
        )}
      </div>

      {creating && <ClientFormDialog open onClose={() => setCreating(false)} />}
      {importing && <ImportWizard open onClose={() => setImporting(false)} />}
    </div>
  );
}
