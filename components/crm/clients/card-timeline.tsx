'use client';
// The client's timeline (GET /api/events?client_id=): an icon per event type, old → new, source, actor, time.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  ArrowRightLeftIcon,
  CheckCircle2Icon,
  CircleDotIcon,
  GitMergeIcon,
  LightbulbIcon,
  ListTodoIcon,
  MessageSquareIcon,
  PauseIcon,
  PencilIcon,
  PlayIcon,
  StickyNoteIcon,
  TagIcon,
  UserPlusIcon,
  WalletIcon,
  type LucideIcon,
} from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { apiGet } from '@/components/agents/api-client';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { clientKeys, type CrmEvent } from './types';
import { CardSection, Muted } from './card-section';

const ICONS: Record<string, LucideIcon> = {
  client_created: UserPlusIcon,
  client_updated: PencilIcon,
  client_merged: GitMergeIcon,
  dialog_created: MessageSquareIcon,
  stage_changed: ArrowRightLeftIcon,
  price_changed: WalletIcon,
  field_updated: PencilIcon,
  tags_changed: TagIcon,
  operator_assigned: UserPlusIcon,
  context_updated: PencilIcon,
  dialog_completed: CheckCircle2Icon,
  dialog_paused: PauseIcon,
  dialog_resumed: PlayIcon,
  message_sent: MessageSquareIcon,
  task_created: ListTodoIcon,
  task_completed: CheckCircle2Icon,
  note_added: StickyNoteIcon,
  fact_added: LightbulbIcon,
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function change(e: CrmEvent): { field?: string; from: string; to: string } | null {
  const p = e.payload ?? {};
  if ('old_stage' in p || 'new_stage' in p) return { from: show(p.old_stage), to: show(p.new_stage) };
  if ('old_value' in p || 'new_value' in p) return { field: typeof p.field === 'string' ? p.field : undefined, from: show(p.old_value), to: show(p.new_value) };
  return null;
}

export function CardTimeline({ clientId }: { clientId: string }) {
  const t = useTranslations('clients.card.timeline');
  const tt = useTranslations('clients.eventTypes');
  const ts = useTranslations('clients.sources');
  const fmt = useTimeFormat();
  const events = useQuery({
    queryKey: clientKeys.events(clientId),
    queryFn: ({ signal }) => apiGet<{ data: CrmEvent[] }>(`/api/events?client_id=${clientId}&limit=100`, signal).then((r) => r.data),
  });
  return (
    <CardSection title={t('title')} testId="card-timeline">
      {events.isPending && <Skeleton className="h-24 w-full" />}
      {events.isError && <Muted>{t('loadFailed')}</Muted>}
      {events.data?.length === 0 && <Muted>{t('empty')}</Muted>}
      <ol className="space-y-3">
        {events.data?.map((e) => {
          const Icon = ICONS[e.type] ?? CircleDotIcon;
          const c = change(e);
          const text = typeof e.payload?.text === 'string' ? e.payload.text : typeof e.payload?.merged_name === 'string' ? e.payload.merged_name : null;
          return (
            <li key={e.id} className="flex gap-3 text-sm" data-testid="timeline-item" data-type={e.type}>
              <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-muted">
                <Icon className="size-3.5 text-muted-foreground" aria-hidden />
              </span>
              <div className="min-w-0 flex-1 space-y-0.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{tt.has(e.type) ? tt(e.type) : e.type}</span>
                  <Badge variant="outline" className="text-[11px]">
                    {ts.has(e.source) ? ts(e.source) : e.source}
                  </Badge>
                </div>
                {c && (
                  <p className="break-words text-muted-foreground">
                    {c.field && <span className="font-mono text-xs">{c.field}: </span>}
                    <span className="line-through decoration-muted-foreground/50">{c.from}</span> → <span className="text-foreground">{c.to}</span>
                  </p>
                )}
                {!c && text && <p className="break-words text-muted-foreground">{text}</p>}
                <p className="text-xs text-muted-foreground">
                  {e.actor?.name && `${e.actor.name} · `}
                  {fmt.dateTime(e.created_at)}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </CardSection>
  );
}
