'use client';
// One stage column: colour bar, name, count, total price, its cards and "load more" by cursor.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useDroppable } from '@dnd-kit/core';
import { apiGet, query } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils/cn';
import { DealCard } from './deal-card';
import { useMoney } from './format';
import { filterParams } from './queries';
import type { Board, BoardColumn, Deal, DealFilters, Page } from './types';

export function KanbanColumn({
  column,
  boardKey,
  pipelineId,
  filters,
  canWrite,
  onOpen,
}: {
  column: BoardColumn;
  boardKey: readonly unknown[];
  pipelineId: string;
  filters: DealFilters;
  canWrite: boolean;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('deals');
  const money = useMoney();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [loadingMore, setLoadingMore] = useState(false);
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id });
  const { stage } = column;
  const currency = column.deals.find((d) => d.currency)?.currency ?? null;

  const loadMore = async () => {
    if (!column.next_cursor) return;
    setLoadingMore(true);
    try {
      const page = await apiGet<Page<Deal>>(
        `/api/conversations${query({ ...filterParams(filters), pipeline_id: pipelineId, stage_id: stage.id, cursor: column.next_cursor, limit: 50 })}`,
      );
      qc.setQueryData<Board>(boardKey, (b) =>
        b
          ? {
              ...b,
              columns: b.columns.map((c) =>
                c.stage.id === stage.id
                  ? { ...c, deals: [...c.deals, ...page.data.filter((d) => !c.deals.some((x) => x.id === d.id))], next_cursor: page.next_cursor }
                  : c,
              ),
            }
          : b,
      );
    } catch (err) {
      showError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section
      ref={setNodeRef}
      data-testid="board-column"
      data-stage-code={stage.code}
      data-stage-id={stage.id}
      aria-label={stage.name}
      className={cn(
        'flex w-[85vw] shrink-0 snap-start flex-col rounded-xl border bg-muted/40 sm:w-72',
        isOver && 'border-primary/60 bg-primary/5',
      )}
    >
      <header className="space-y-1 rounded-t-xl border-t-4 px-3 pt-2 pb-2" style={{ borderTopColor: stage.color }}>
        <div className="flex items-center justify-between gap-2">
          <h2 className="truncate text-sm font-semibold">{stage.name}</h2>
          <span className="rounded-full bg-background px-2 py-0.5 text-xs font-medium tabular-nums" data-testid="column-count">
            {column.total}
          </span>
        </div>
        <p className="text-xs text-muted-foreground tabular-nums" data-testid="column-total">
          {money(column.total_price, currency)}
        </p>
      </header>
      <div className="flex min-h-24 flex-1 flex-col gap-2 px-2 pb-2">
        {column.deals.map((deal) => (
          <DealCard key={deal.id} deal={deal} onOpen={onOpen} canWrite={canWrite} />
        ))}
        {column.deals.length === 0 && <p className="px-1 py-6 text-center text-xs text-muted-foreground">{t('board.emptyColumn')}</p>}
        {column.next_cursor && (
          <Button variant="ghost" size="sm" onClick={loadMore} disabled={loadingMore} data-testid="column-load-more">
            {t('loadMore')}
          </Button>
        )}
      </div>
    </section>
  );
}
