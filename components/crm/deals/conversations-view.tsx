'use client';
// /w/[slug]/conversations: every conversation (filters status, agent, channel, dates; search),
// each opening the deal panel; replying comes with the live inbox.
import { useNow, useTranslations } from 'next-intl';
import { InfoIcon } from 'lucide-react';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { DealPanel } from './deal-panel';
import { FilterBar } from './filter-bar';
import { ChannelIcon } from './format';
import { filterParams, useDealList } from './queries';
import { StageBadge } from './stage-badge';
import { FILTER_KEYS, type DealFilters } from './types';
import { useUrlState } from './use-url-state';

export function ConversationsView({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('deals');
  const fmt = useTimeFormat();
  const now = useNow({ updateInterval: 60_000 });
  const url = useUrlState();
  const filters = url.filters;
  const list = useDealList(filterParams(filters));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const dealId = url.get('deal') ?? null;
  const setFilters = (next: DealFilters) => url.set(Object.fromEntries(FILTER_KEYS.map((k) => [k, next[k]])));

  return (
    <div className="space-y-5" data-testid="conversations-page">
      <PageHeader title={t('conversations.title')} description={t('conversations.description')} />
      <p className="flex items-start gap-2 rounded-lg border bg-muted/40 px-3 py-2 text-sm text-muted-foreground" data-testid="inbox-note">
        <InfoIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
        {t('conversations.inboxNote')}
      </p>
      <FilterBar filters={filters} onChange={setFilters} show={['search', 'status', 'agent_id', 'channel_type', 'date_from', 'date_to']} />
      {list.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : list.isError ? (
        <EmptyState title={t('loadFailed')} />
      ) : !rows.length ? (
        <EmptyState title={t('conversations.empty')} description={t('table.emptyHint')} />
      ) : (
        <ul className="divide-y rounded-xl border" data-testid="conversations-list">
          {rows.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => url.set({ deal: c.id }, true)}
                className="flex w-full items-start gap-3 px-3 py-3 text-left outline-none hover:bg-muted/50 focus-visible:bg-muted/50 sm:px-4"
                data-testid="conversation-row"
              >
                <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
                  <ChannelIcon channel={c.channel} className="size-4" />
                </span>
                <span className="min-w-0 flex-1 space-y-1">
                  <span className="flex items-center gap-2">
                    <span className="truncate font-medium">{c.client.name}</span>
                    {c.unread_count > 0 && <span className="rounded-full bg-primary px-1.5 text-[11px] text-primary-foreground">{c.unread_count}</span>}
                    <span className="ml-auto shrink-0 text-xs text-muted-foreground">{fmt.relative(c.last_message_at ?? c.created_at, now)}</span>
                  </span>
                  <span className="line-clamp-1 block text-sm text-muted-foreground">
                    {c.last_message ? `${c.last_message.direction === 'outbound' ? t('conversations.you') : ''}${c.last_message.content}` : c.title || t('conversations.noMessages')}
                  </span>
                  <span className="flex flex-wrap items-center gap-1.5">
                    <Badge variant={c.status === 'active' ? 'success' : c.status === 'paused' ? 'warning' : 'secondary'}>{t(`status.${c.status}`)}</Badge>
                    <StageBadge stage={c.stage} />
                    {c.agent && <span className="text-xs text-muted-foreground">{c.agent.name}</span>}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="outline" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('loadMore')}
        </Button>
      )}
      <DealPanel id={dealId} canWrite={canWrite} onClose={() => url.set({ deal: undefined })} />
    </div>
  );
}
