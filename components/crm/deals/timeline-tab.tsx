'use client';
// The deal's timeline (GET /api/events?dialog_id=), old → new: what changed, from what to what,
// who (user, agent, rule, CRM sync) and when.
import { useTranslations } from 'next-intl';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { useEvents } from './queries';
import type { TimelineEvent } from './types';

const KNOWN = new Set([
  'dialog_created',
  'stage_changed',
  'price_changed',
  'field_updated',
  'tags_changed',
  'operator_assigned',
  'context_updated',
  'dialog_completed',
  'dialog_paused',
  'dialog_resumed',
  'message_sent',
  'task_created',
  'task_completed',
  'note_added',
  'client_created',
  'client_updated',
  'client_merged',
  'fact_added',
]);
const SOURCES = new Set(['user', 'agent', 'rule', 'crm_sync', 'import', 'system']);

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v));

function Change({ e }: { e: TimelineEvent }) {
  const p = e.payload ?? {};
  if (e.type === 'stage_changed') return <span>{`${show(p.old_stage)} → ${show(p.new_stage)}`}</span>;
  if ('old_value' in p || 'new_value' in p) {
    return (
      <span>
        {typeof p.field === 'string' && <code className="mr-1 text-xs">{p.field}</code>}
        {`${show(p.old_value)} → ${show(p.new_value)}`}
      </span>
    );
  }
  if (typeof p.text === 'string') return <span className="line-clamp-2">{p.text}</span>;
  return null;
}

export function TimelineTab({ id }: { id: string }) {
  const t = useTranslations('deals.timeline');
  const fmt = useTimeFormat();
  const q = useEvents(id);
  if (q.isPending) return <Skeleton className="h-40 w-full" />;
  if (q.isError) return <p className="text-sm text-destructive">{t('failed')}</p>;
  if (!q.data.length) return <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>;
  return (
    <ol className="relative space-y-3 border-l pl-4" data-testid="deal-timeline">
      {q.data.map((e) => (
        <li key={e.id} className="relative text-sm" data-testid="timeline-event" data-type={e.type}>
          <span className="absolute top-1.5 -left-[21px] size-2.5 rounded-full border-2 border-background bg-primary" aria-hidden />
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{KNOWN.has(e.type) ? t(`types.${e.type}`) : e.type}</span>
            <Badge variant="outline" className="text-[10px]">
              {SOURCES.has(e.source) ? t(`sources.${e.source}`) : e.source}
            </Badge>
            <span className="text-xs text-muted-foreground">{fmt.dateTime(e.created_at)}</span>
          </div>
          <div className="flex flex-wrap items-baseline gap-x-2 text-muted-foreground">
            <Change e={e} />
            {e.actor && <span className="text-xs">{e.actor.name}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
