'use client';
// The table view of deals: sortable by last activity, creation and price; keyset "load more".
import { useNow, useTranslations } from 'next-intl';
import { ArrowDownIcon, ArrowUpIcon, ArrowUpDownIcon } from 'lucide-react';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { dealSubtitle } from './deal-card';
import { ChannelIcon, useMoney } from './format';
import { filterParams, useDealList } from './queries';
import { StageBadge } from './stage-badge';
import type { DealFilters } from './types';

export type SortKey = 'last_message_at' | 'created_at' | 'price';

export function DealsTable({
  pipelineId,
  filters,
  sort,
  order,
  onSort,
  onOpen,
}: {
  pipelineId: string;
  filters: DealFilters;
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (sort: SortKey, order: 'asc' | 'desc') => void;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('deals');
  const money = useMoney();
  const fmt = useTimeFormat();
  const now = useNow({ updateInterval: 60_000 });
  const list = useDealList({ pipeline_id: pipelineId, ...filterParams(filters), sort, order });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const SortHead = ({ k, label, className }: { k: SortKey; label: string; className?: string }) => {
    const on = sort === k;
    const Icon = on ? (order === 'asc' ? ArrowUpIcon : ArrowDownIcon) : ArrowUpDownIcon;
    return (
      <TableHead className={className} aria-sort={on ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className="inline-flex items-center gap-1 rounded outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          onClick={() => onSort(k, on && order === 'desc' ? 'asc' : 'desc')}
          data-testid={`sort-${k}`}
        >
          {label}
          <Icon className="size-3.5" aria-hidden />
        </button>
      </TableHead>
    );
  };

  if (list.isPending) return <Skeleton className="h-64 w-full" />;
  if (!rows.length) return <EmptyState title={t('table.empty')} description={t('table.emptyHint')} />;

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-xl border">
        <Table data-testid="deals-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t('table.client')}</TableHead>
              <TableHead className="hidden sm:table-cell">{t('table.stage')}</TableHead>
              <SortHead k="price" label={t('table.price')} className="text-right" />
              <TableHead className="hidden md:table-cell">{t('table.responsible')}</TableHead>
              <SortHead k="last_message_at" label={t('table.lastActivity')} />
              <SortHead k="created_at" label={t('table.created')} className="hidden md:table-cell" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((d) => (
              <TableRow key={d.id} className="cursor-pointer" onClick={() => onOpen(d.id)} data-testid="deal-row">
                <TableCell className="max-w-64">
                  <button type="button" className="block max-w-full truncate text-left font-medium outline-none focus-visible:underline" onClick={() => onOpen(d.id)}>
                    {d.client.name}
                  </button>
                  <span className="flex items-center gap-1 truncate text-xs text-muted-foreground">
                    <ChannelIcon channel={d.channel} className="size-3 shrink-0" />
                    {dealSubtitle(d)}
                  </span>
                </TableCell>
                <TableCell className="hidden sm:table-cell">
                  <StageBadge stage={d.stage} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{money(d.price, d.currency)}</TableCell>
                <TableCell className="hidden md:table-cell">{d.responsible?.name ?? '—'}</TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{fmt.relative(d.last_message_at ?? d.created_at, now)}</TableCell>
                <TableCell className="hidden whitespace-nowrap text-xs text-muted-foreground md:table-cell">{fmt.date(d.created_at)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {list.hasNextPage && (
        <Button variant="outline" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="table-load-more">
          {t('loadMore')}
        </Button>
      )}
    </div>
  );
}
