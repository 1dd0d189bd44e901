'use client';
// One deal on the board: client, title or the context's device, price, tags, channel,
// responsible initials and last activity. The grip is the keyboard drag handle.
import type * as React from 'react';
import { useNow, useTranslations } from 'next-intl';
import { useDraggable } from '@dnd-kit/core';
import { GripVerticalIcon } from 'lucide-react';
import { initials } from '@/components/dashboard/initials';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { cn } from '@/lib/utils/cn';
import { ChannelIcon, useMoney } from './format';
import type { Deal } from './types';

export function dealSubtitle(deal: Deal): string {
  const device = deal.context?.device;
  return deal.title?.trim() || (typeof device === 'string' ? device : '');
}

export function DealCardBody({ deal, dragging }: { deal: Deal; dragging?: boolean }) {
  const t = useTranslations('deals');
  const money = useMoney();
  const fmt = useTimeFormat();
  const now = useNow({ updateInterval: 60_000 });
  const subtitle = dealSubtitle(deal);
  const activity = deal.last_message_at ?? deal.created_at;
  return (
    <div className={cn('min-w-0 flex-1 space-y-1.5', dragging && 'cursor-grabbing')}>
      <div className="flex items-start justify-between gap-2">
        <span className="truncate text-sm font-medium">{deal.client.name}</span>
        {deal.price !== null && <span className="shrink-0 text-sm font-semibold tabular-nums">{money(deal.price, deal.currency)}</span>}
      </div>
      {subtitle && <p className="line-clamp-2 text-xs text-muted-foreground">{subtitle}</p>}
      {deal.tags.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {deal.tags.slice(0, 4).map((tag) => (
            <span key={tag} className="rounded bg-muted px-1.5 py-0.5 text-[11px] text-muted-foreground">
              {tag}
            </span>
          ))}
        </div>
      )}
      <div className="flex items-center gap-2 text-[11px] text-muted-foreground">
        <span title={deal.channel ? t(`channels.${deal.channel}`) : undefined}>
          <ChannelIcon channel={deal.channel} />
        </span>
        <span className="truncate">{fmt.relative(activity, now)}</span>
        {deal.responsible && (
          <span
            className="ml-auto flex size-5 shrink-0 items-center justify-center rounded-full bg-primary/10 text-[10px] font-semibold text-primary"
            title={deal.responsible.name}
          >
            {initials(deal.responsible.name || '?')}
          </span>
        )}
      </div>
    </div>
  );
}

export function DealCard({ deal, onOpen, canWrite }: { deal: Deal; onOpen: (id: string) => void; canWrite: boolean }) {
  const t = useTranslations('deals');
  const { setNodeRef, setActivatorNodeRef, listeners: rawListeners, attributes, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
    disabled: !canWrite,
  });
  // Pointer drags start anywhere on the card; the keyboard drag starts on the grip only.
  const listeners = rawListeners as
    | { onPointerDown?: React.PointerEventHandler<HTMLElement>; onKeyDown?: React.KeyboardEventHandler<HTMLElement> }
    | undefined;
  return (
    <div
      ref={setNodeRef}
      data-testid="deal-card"
      data-deal-id={deal.id}
      onPointerDown={listeners?.onPointerDown}
      onClick={() => onOpen(deal.id)}
      className={cn(
        'group flex cursor-pointer gap-1 rounded-lg border bg-card p-2.5 text-card-foreground shadow-xs transition-colors hover:border-primary/40',
        isDragging && 'opacity-40',
      )}
    >
      {canWrite && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          onKeyDown={listeners?.onKeyDown}
          onClick={(e) => e.stopPropagation()}
          aria-label={t('board.moveHandle', { name: deal.client.name })}
          className="-ml-1 flex h-6 w-4 shrink-0 cursor-grab touch-none items-center justify-center rounded text-muted-foreground/60 outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <GripVerticalIcon className="size-3.5" aria-hidden />
        </button>
      )}
      <button
        type="button"
        className="min-w-0 flex-1 rounded text-left outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        onClick={(e) => {
          e.stopPropagation();
          onOpen(deal.id);
        }}
        aria-label={t('board.openDeal', { name: deal.client.name })}
      >
        <DealCardBody deal={deal} />
      </button>
    </div>
  );
}
