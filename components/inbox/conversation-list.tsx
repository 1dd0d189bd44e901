'use client';
// The left pane: search and filters (status, channel, agent, operator in the filter panel;
// "unread" and "needs a human" as toggles), then the conversations, newest activity first.
import { useNow, useTranslations } from 'next-intl';
import { MailIcon, SirenIcon } from 'lucide-react';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { FilterBar } from '@/components/crm/deals/filter-bar';
import { ChannelIcon } from '@/components/crm/deals/format';
import type { DealFilters } from '@/components/crm/deals/types';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils/cn';
import { HolderChip } from './holder-chip';
import { useInboxList } from './queries';
import type { InboxConversation, InboxFilters } from './types';

function Toggle({ on, onClick, icon, label, testId }: { on: boolean; onClick: () => void; icon: React.ReactNode; label: string; testId: string }) {
  return (
    <Button type="button" size="sm" variant={on ? 'secondary' : 'ghost'} aria-pressed={on} onClick={onClick} data-testid={testId} className={cn(on && 'ring-1 ring-primary/40')}>
      {icon}
      {label}
    </Button>
  );
}

function Row({ c, active, onOpen }: { c: InboxConversation; active: boolean; onOpen: () => void }) {
  const t = useTranslations('inbox.list');
  const fmt = useTimeFormat();
  const now = useNow({ updateInterval: 60_000 });
  const preview = c.last_message ? `${c.last_message.direction === 'outbound' ? t('you') : ''}${c.last_message.content}` : c.title || t('noMessages');
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        aria-current={active ? 'true' : undefined}
        className={cn(
          'flex w-full items-start gap-3 px-3 py-2.5 text-left outline-none hover:bg-muted/60 focus-visible:bg-muted/60',
          active && 'bg-muted',
        )}
        data-testid="conversation-row"
        data-conversation={c.id}
      >
        <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <ChannelIcon channel={c.channel} className="size-4" />
        </span>
        <span className="min-w-0 flex-1 space-y-0.5">
          <span className="flex items-center gap-2">
            <span className={cn('truncate', c.unread_count > 0 ? 'font-semibold' : 'font-medium')} data-testid="conversation-client">
              {c.client.name || t('noName')}
            </span>
            {c.unread_count > 0 && (
              <span className="rounded-full bg-primary px-1.5 text-[11px] text-primary-foreground" data-testid="unread-badge">
                {c.unread_count}
              </span>
            )}
            <span className="ml-auto shrink-0 text-xs text-muted-foreground">{fmt.relative(c.last_message_at ?? c.created_at, now)}</span>
          </span>
          <span className="line-clamp-1 block text-sm text-muted-foreground" data-testid="conversation-preview">
            {preview}
          </span>
          <span className="flex flex-wrap items-center gap-1.5">
            <HolderChip holder={c.holder} />
            {c.holder?.needs_human_since && (
              <span className="inline-flex items-center gap-1 rounded-full bg-destructive/10 px-1.5 py-0.5 text-[11px] font-medium text-destructive dark:text-red-300" data-testid="needs-human-marker">
                <SirenIcon className="size-3" aria-hidden />
                {t('needsHuman')}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}

export function ConversationList({
  filters,
  onFilters,
  selected,
  onOpen,
}: {
  filters: InboxFilters;
  onFilters: (f: InboxFilters) => void;
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('inbox.list');
  const list = useInboxList(filters);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const flip = (k: 'unread' | 'needs_human') => onFilters({ ...filters, [k]: filters[k] === 'true' ? undefined : 'true' });
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="space-y-2 border-b p-3">
        <FilterBar
          filters={filters as DealFilters}
          onChange={(f) => onFilters({ ...(f as InboxFilters), unread: filters.unread, needs_human: filters.needs_human })}
          show={['search', 'status', 'channel_type', 'agent_id', 'responsible']}
        />
        <div className="flex flex-wrap gap-1.5">
          <Toggle on={filters.unread === 'true'} onClick={() => flip('unread')} icon={<MailIcon aria-hidden />} label={t('unread')} testId="filter-unread" />
          <Toggle on={filters.needs_human === 'true'} onClick={() => flip('needs_human')} icon={<SirenIcon aria-hidden />} label={t('needsHuman')} testId="filter-needs-human" />
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {list.isPending ? (
          <Skeleton className="m-3 h-40" />
        ) : list.isError ? (
          <EmptyState title={t('loadFailed')} />
        ) : !rows.length ? (
          <EmptyState title={t('empty')} description={t('emptyHint')} />
        ) : (
          <ul className="divide-y" data-testid="conversations-list">
            {rows.map((c) => (
              <Row key={c.id} c={c} active={c.id === selected} onOpen={() => onOpen(c.id)} />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="p-3">
            <Button variant="outline" className="w-full" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('loadMore')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
