'use client';
// The Kanban: one column per stage; a card dragged to another column moves at once (optimistic),
// then PATCH {version, stage_id}. A 409 stale_version puts the card where the server says.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { api } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { toast } from '@/components/ui/sonner';
import { Skeleton } from '@/components/ui/skeleton';
import { DealCardBody } from './deal-card';
import { KanbanColumn } from './kanban-column';
import { currentOf } from './mutations';
import { dealKeys, type Board, type Deal, type DealFilters, type DealFull, type Stage } from './types';

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : closestCenter(args);
};

// Arrow left/right jump a whole column; up/down nudge.
const columnJump: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const { collisionRect, droppableRects } = context;
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') {
    const dy = event.code === 'ArrowDown' ? 40 : event.code === 'ArrowUp' ? -40 : 0;
    return dy ? { ...currentCoordinates, y: currentCoordinates.y + dy } : undefined;
  }
  if (!collisionRect) return undefined;
  const centre = collisionRect.left + collisionRect.width / 2;
  const rects = [...droppableRects.values()].sort((a, b) => a.left - b.left);
  const target =
    event.code === 'ArrowRight' ? rects.find((r) => r.left > centre) : [...rects].reverse().find((r) => r.left + r.width < centre);
  if (!target) return currentCoordinates;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: currentCoordinates.y };
};

/** The board with `deal` moved to the top of `stage` (totals follow). */
function moveInBoard(board: Board, deal: Deal, stage: Stage | Deal['stage']): Board {
  if (!stage) return board;
  const price = deal.price ?? 0;
  return {
    ...board,
    columns: board.columns.map((col) => {
      const had = col.deals.some((d) => d.id === deal.id);
      const deals = col.deals.filter((d) => d.id !== deal.id);
      if (col.stage.id === stage.id) {
        const moved: Deal = { ...deal, stage: { id: stage.id, code: stage.code, name: stage.name, color: stage.color, kind: stage.kind } };
        return { ...col, deals: [moved, ...deals], total: col.total + (had ? 0 : 1), total_price: col.total_price + (had ? 0 : price) };
      }
      return had ? { ...col, deals, total: Math.max(0, col.total - 1), total_price: col.total_price - price } : col;
    }),
  };
}

export function KanbanBoard({
  pipelineId,
  filters,
  board,
  loading,
  canWrite,
  onOpen,
}: {
  pipelineId: string;
  filters: DealFilters;
  board: Board | undefined;
  loading: boolean;
  canWrite: boolean;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('deals');
  const qc = useQueryClient();
  const errorText = useErrorText();
  const key = dealKeys.board(pipelineId, filters);
  const [active, setActive] = useState<Deal | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );

  if (loading || !board) {
    return (
      <div className="flex gap-3 overflow-hidden" data-testid="board-loading">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-72 w-[85vw] shrink-0 sm:w-72" />
        ))}
      </div>
    );
  }

  const stageName = (id: unknown) => board.columns.find((c) => c.stage.id === id)?.stage.name ?? '';
  const dealName = (id: unknown) => board.columns.flatMap((c) => c.deals).find((d) => d.id === id)?.client.name ?? '';

  const onDragStart = (e: DragStartEvent) => setActive((e.active.data.current?.deal as Deal | undefined) ?? null);

  const onDragEnd = (e: DragEndEvent) => {
    setActive(null);
    const deal = e.active.data.current?.deal as Deal | undefined;
    const target = board.columns.find((c) => c.stage.id === e.over?.id)?.stage;
    if (!deal || !target || deal.stage?.id === target.id) return;
    const before = qc.getQueryData<Board>(key);
    qc.setQueryData<Board>(key, (b) => (b ? moveInBoard(b, deal, target) : b));
    api<{ conversation: DealFull }>('PATCH', `/api/conversations/${deal.id}`, { version: deal.version, stage_id: target.id })
      .then(({ conversation }) => {
        qc.setQueryData<Board>(key, (b) => (b ? moveInBoard(b, conversation, conversation.stage) : b));
        qc.setQueryData(dealKeys.deal(deal.id), conversation);
        void qc.invalidateQueries({ queryKey: dealKeys.events(deal.id) });
      })
      .catch((err: unknown) => {
        const cur = currentOf(err);
        if (cur) {
          toast.warning(t('board.movedByOther', { name: deal.client.name }));
          qc.setQueryData<Board>(key, (b) => (b ? moveInBoard(b, cur, cur.stage) : b));
          qc.setQueryData(dealKeys.deal(deal.id), cur);
        } else {
          toast.error(errorText(err));
          if (before) qc.setQueryData(key, before);
        }
      })
      .finally(() => void qc.invalidateQueries({ queryKey: ['crm-deals', 'board'] }));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{
        screenReaderInstructions: { draggable: t('board.a11y.instructions') },
        announcements: {
          onDragStart: ({ active: a }) => t('board.a11y.picked', { name: dealName(a.id) }),
          onDragOver: ({ active: a, over }) =>
            over ? t('board.a11y.over', { name: dealName(a.id), stage: stageName(over.id) }) : t('board.a11y.outside', { name: dealName(a.id) }),
          onDragEnd: ({ active: a, over }) =>
            over ? t('board.a11y.dropped', { name: dealName(a.id), stage: stageName(over.id) }) : t('board.a11y.cancelled', { name: dealName(a.id) }),
          onDragCancel: ({ active: a }) => t('board.a11y.cancelled', { name: dealName(a.id) }),
        },
      }}
    >
      <div
        className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-4 sm:mx-0 sm:snap-none sm:px-0"
        data-testid="deals-board"
      >
        {board.columns.map((col) => (
          <KanbanColumn key={col.stage.id} column={col} boardKey={key} pipelineId={pipelineId} filters={filters} canWrite={canWrite} onOpen={onOpen} />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active && (
          <div className="w-64 rounded-lg border bg-card p-2.5 text-card-foreground shadow-lg">
            <DealCardBody deal={active} dragging />
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
