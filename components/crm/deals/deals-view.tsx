'use client';
// /w/[slug]/deals: pipeline switcher, Kanban / Table, filters and search, "New deal", and the
// deal panel; the URL keeps view, pipeline, filters, sort and ?deal=<id>.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { KanbanIcon, PlusIcon, TableIcon } from 'lucide-react';
import { ViewerNote } from '@/components/agents/viewer-note';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { useLiveInvalidate } from '@/components/realtime/use-live-invalidate';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { cn } from '@/lib/utils/cn';
import { DealPanel } from './deal-panel';
import { DealsTable, type SortKey } from './deals-table';
import { FilterBar } from './filter-bar';
import { KanbanBoard } from './kanban-board';
import { NewDealDialog } from './new-deal-dialog';
import { useBoard, usePipelines } from './queries';
import { FILTER_KEYS, type DealFilters } from './types';
import { useUrlState } from './use-url-state';

const SORTS: SortKey[] = ['last_message_at', 'created_at', 'price'];

export function DealsView({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('deals');
  const url = useUrlState();
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  const view = url.get('view') === 'table' ? 'table' : 'board';
  const pipeline = pipelines.data?.find((p) => p.id === url.get('pipeline')) ?? pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
  const filters = url.filters;
  const board = useBoard(view === 'board' ? pipeline?.id : undefined, filters);
  useLiveInvalidate(['conversation:new', 'conversation:updated', 'message:new'], [['crm-deals']], 1000);
  const sortParam = url.get('sort') as SortKey | undefined;
  const sort: SortKey = sortParam && SORTS.includes(sortParam) ? sortParam : 'last_message_at';
  const order = url.get('order') === 'asc' ? 'asc' : 'desc';
  const dealId = url.get('deal') ?? null;

  const setFilters = (next: DealFilters) => url.set(Object.fromEntries(FILTER_KEYS.map((k) => [k, next[k]])));
  const open = (id: string) => url.set({ deal: id }, true);

  const viewToggle = (
    <div className="inline-flex rounded-md border p-0.5" role="group" aria-label={t('view.label')}>
      {(['board', 'table'] as const).map((v) => {
        const Icon = v === 'board' ? KanbanIcon : TableIcon;
        return (
          <Button
            key={v}
            variant="ghost"
            size="sm"
            aria-pressed={view === v}
            onClick={() => url.set({ view: v === 'board' ? undefined : v })}
            className={cn('h-7', view === v && 'bg-muted text-foreground')}
            data-testid={`view-${v}`}
          >
            <Icon aria-hidden />
            <span className="hidden sm:inline">{t(`view.${v}`)}</span>
          </Button>
        );
      })}
    </div>
  );

  const pipelineSelect = (pipelines.data?.length ?? 0) > 0 && (
    <Select value={pipeline?.id ?? ''} onValueChange={(v) => url.set({ pipeline: v, stage_id: undefined })}>
      <SelectTrigger className="w-auto max-w-56" aria-label={t('pipeline')} data-testid="pipeline-select">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {pipelines.data?.map((p) => (
          <SelectItem key={p.id} value={p.id}>
            {p.name}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );

  return (
    <div className="space-y-5" data-testid="deals-page">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canWrite && (
            <Button onClick={() => setCreating(true)} disabled={!pipelines.data?.length} data-testid="new-deal">
              <PlusIcon aria-hidden />
              {t('newDeal')}
            </Button>
          )
        }
      />
      {!canWrite && <ViewerNote />}
      <FilterBar
        filters={filters}
        onChange={setFilters}
        stages={pipeline?.stages}
        show={['search', 'stage_id', 'responsible', 'channel_type', 'tag', 'agent_id', 'date_from', 'date_to', 'price_min', 'price_max']}
        leading={
          <>
            {pipelineSelect}
            {viewToggle}
          </>
        }
      />
      {pipelines.isError ? (
        <EmptyState title={t('loadFailed')} />
      ) : !pipeline ? (
        pipelines.isPending ? null : <EmptyState title={t('noPipelines')} />
      ) : view === 'board' && board.isError ? (
        <EmptyState title={t('loadFailed')} />
      ) : view === 'board' ? (
        <KanbanBoard pipelineId={pipeline.id} filters={filters} board={board.data} loading={board.isPending} canWrite={canWrite} onOpen={open} />
      ) : (
        <DealsTable
          pipelineId={pipeline.id}
          filters={filters}
          sort={sort}
          order={order}
          onSort={(s, o) => url.set({ sort: s === 'last_message_at' ? undefined : s, order: o === 'desc' ? undefined : o })}
          onOpen={open}
        />
      )}
      <DealPanel id={dealId} canWrite={canWrite} onClose={() => url.set({ deal: undefined })} />
      {canWrite && pipelines.data && (
        <NewDealDialog open={creating} onOpenChange={setCreating} pipelines={pipelines.data} pipelineId={pipeline?.id} onCreated={(d) => open(d.id)} />
      )}
    </div>
  );
}
