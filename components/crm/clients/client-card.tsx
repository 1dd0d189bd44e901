'use client';
// The client card: header with actions, metric tiles, then channels, dialogs, facts, relations,
// custom fields, tasks, notes and the timeline.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ArrowLeftIcon, GitMergeIcon, MailIcon, MapPinIcon, PencilIcon, PhoneIcon, Trash2Icon, UserIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { ViewerNote } from '@/components/agents/viewer-note';
import { ApiError } from '@/components/agents/api-client';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { ClientAvatar, TypeBadge, formatPhone, useMoney } from './display';
import { useClientCard } from './use-card';
import { ClientFormDialog } from './client-form-dialog';
import { DeleteClientDialog } from './delete-client-dialog';
import { MergeDialog } from './merge-dialog';
import { CardChannels } from './card-channels';
import { CardDialogs } from './card-dialogs';
import { CardFacts } from './card-facts';
import { CardRelations } from './card-relations';
import { CardFields } from './card-fields';
import { CardTasks } from './card-tasks';
import { CardNotes } from './card-notes';
import { CardTimeline } from './card-timeline';

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="min-w-0 rounded-xl border bg-card p-3" data-testid={testId}>
      <p className="truncate text-xs text-muted-foreground">{label}</p>
      <p className="text-base font-semibold break-words tabular-nums">{value}</p>
    </div>
  );
}

export function ClientCard({ id, canWrite, canAdmin }: { id: string; canWrite: boolean; canAdmin: boolean }) {
  const t = useTranslations('clients.card');
  const ts = useTranslations('clients.statuses');
  const wsHref = useWorkspaceHref();
  const fmt = useTimeFormat();
  const money = useMoney();
  const card = useClientCard(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [merging, setMerging] = useState(false);

  const back = (
    <Button asChild variant="ghost" size="sm" className="-ml-2">
      <Link href={wsHref('/clients')}>
        <ArrowLeftIcon aria-hidden />
        {t('back')}
      </Link>
    </Button>
  );

  if (card.isPending) {
    return (
      <div className="space-y-4">
        {back}
        <Skeleton className="h-24 w-full rounded-xl" />
        <Skeleton className="h-64 w-full rounded-xl" />
      </div>
    );
  }
  if (card.isError || !card.data) {
    const missing = card.error instanceof ApiError && card.error.status === 404;
    return (
      <div className="space-y-4">
        {back}
        <EmptyState icon={<UserIcon />} title={missing ? t('notFound') : t('loadFailed')} data-testid="client-not-found" />
      </div>
    );
  }
  const c = card.data;
  const m = c.metrics;
  const currency = c.dialogs.find((d) => d.currency)?.currency ?? null;

  return (
    <div className="space-y-6" data-testid="client-card">
      {back}
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 gap-4">
          <ClientAvatar name={c.name} className="size-14 text-lg" />
          <div className="min-w-0 space-y-1.5">
            <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="client-name">
              {c.name}
            </h1>
            <div className="flex flex-wrap items-center gap-2">
              <TypeBadge type={c.type} />
              <Badge variant={c.status === 'active' ? 'success' : 'outline'}>{ts(c.status)}</Badge>
            </div>
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
              {c.phone && (
                <li className="flex items-center gap-1.5 tabular-nums" data-testid="client-phone">
                  <PhoneIcon className="size-3.5" aria-hidden />
                  {formatPhone(c.phone)}
                </li>
              )}
              {c.email && (
                <li className="flex min-w-0 items-center gap-1.5">
                  <MailIcon className="size-3.5 shrink-0" aria-hidden />
                  <span className="truncate">{c.email}</span>
                </li>
              )}
              {c.city && (
                <li className="flex items-center gap-1.5">
                  <MapPinIcon className="size-3.5" aria-hidden />
                  {c.city}
                </li>
              )}
              <li className="flex items-center gap-1.5">
                <UserIcon className="size-3.5" aria-hidden />
                {c.responsible?.name ?? t('noResponsible')}
              </li>
            </ul>
          </div>
        </div>
        {canWrite && (
          <div className="flex shrink-0 flex-wrap gap-2">
            <Button variant="outline" onClick={() => setEditing(true)} data-testid="client-edit">
              <PencilIcon aria-hidden />
              {t('edit')}
            </Button>
            {canAdmin && (
              <Button variant="outline" onClick={() => setMerging(true)} data-testid="client-merge">
                <GitMergeIcon aria-hidden />
                {t('merge')}
              </Button>
            )}
            {canAdmin && (
              <Button variant="outline" className="text-destructive" onClick={() => setDeleting(true)} data-testid="client-delete">
                <Trash2Icon aria-hidden />
                {t('delete')}
              </Button>
            )}
          </div>
        )}
      </header>
      {!canWrite && <ViewerNote />}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="client-metrics">
        <Tile label={t('metrics.total')} value={String(m.total_dialogs)} testId="metric-total" />
        <Tile label={t('metrics.completed')} value={String(m.completed_dialogs)} testId="metric-completed" />
        <Tile label={t('metrics.spent')} value={money(m.total_spent, currency)} testId="metric-spent" />
        <Tile label={t('metrics.first')} value={m.first_contact_at ? fmt.date(m.first_contact_at) : '—'} testId="metric-first" />
        <Tile label={t('metrics.last')} value={m.last_contact_at ? fmt.date(m.last_contact_at) : '—'} testId="metric-last" />
      </div>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0 space-y-4">
          <CardDialogs client={c} />
          <CardTasks client={c} canWrite={canWrite} />
          <CardNotes client={c} canWrite={canWrite} />
          <CardTimeline clientId={c.id} />
        </div>
        <div className="min-w-0 space-y-4">
          <CardChannels client={c} canWrite={canWrite} />
          <CardFacts client={c} canWrite={canWrite} />
          <CardRelations client={c} canWrite={canWrite} />
          <CardFields client={c} canWrite={canWrite} />
        </div>
      </div>

      {editing && <ClientFormDialog open client={c} onClose={() => setEditing(false)} />}
      {canAdmin && <DeleteClientDialog client={c} open={deleting} onOpenChange={setDeleting} onMerge={() => setMerging(true)} />}
      {canAdmin && merging && <MergeDialog client={c} open onOpenChange={setMerging} />}
    </div>
  );
}
