'use client';
// The deal side panel (drawer on the right, full screen on a phone): client, fields, context,
// custom fields, and tabs for messages, timeline, tasks and notes.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ExternalLinkIcon } from 'lucide-react';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { ContextEditor } from './context-editor';
import { CustomFields } from './custom-fields';
import { DealFields } from './deal-fields';
import { ChannelIcon, formatPhone } from './format';
import { MessagesTab } from './messages-tab';
import { FollowUpCard } from '@/components/inbox/follow-up-card';
import { useDealMutation } from './mutations';
import { NotesTab } from './notes-tab';
import { useDeal, useDealFields, usePipelines } from './queries';
import { Sheet, SheetContent, SheetDescription, SheetTitle } from './sheet';
import { TasksTab } from './tasks-tab';
import { TimelineTab } from './timeline-tab';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {children}
    </section>
  );
}

function PanelBody({ id, canWrite }: { id: string; canWrite: boolean }) {
  const t = useTranslations('deals');
  const href = useWorkspaceHref();
  const fmt = useTimeFormat();
  const deal = useDeal(id);
  const pipelines = usePipelines();
  const fields = useDealFields();
  const { patch, context } = useDealMutation(id);

  if (deal.isPending) {
    return (
      <div className="space-y-4 p-6">
        <SheetTitle className="sr-only">{t('panel.loading')}</SheetTitle>
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (deal.isError || !deal.data) {
    return (
      <div className="p-6">
        <SheetTitle className="text-lg font-semibold">{t('panel.notFound')}</SheetTitle>
      </div>
    );
  }
  const d = deal.data;
  const stages = pipelines.data?.find((p) => p.id === d.pipeline_id)?.stages ?? (d.stage ? [{ ...d.stage, pipeline_id: d.pipeline_id ?? '', order_index: 0 }] : []);

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="deal-panel" data-version={d.version}>
      <header className="space-y-1 border-b px-4 py-4 pr-12 sm:px-6">
        <SheetTitle className="truncate text-lg font-semibold" data-testid="deal-panel-title">
          {d.title?.trim() || d.client.name}
        </SheetTitle>
        <SheetDescription asChild>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
            <Link href={href(`/clients/${d.client.id}`)} prefetch={false} className="inline-flex items-center gap-1 font-medium text-foreground hover:underline" data-testid="deal-client-link">
              {d.client.name}
              <ExternalLinkIcon className="size-3" aria-hidden />
            </Link>
            {d.client.phone && <span className="tabular-nums">{formatPhone(d.client.phone)}</span>}
            <span className="inline-flex items-center gap-1">
              <ChannelIcon channel={d.channel} />
              {d.channel ? t(`channels.${d.channel}`) : t('channels.none')}
            </span>
            <Badge variant={d.status === 'active' ? 'success' : d.status === 'paused' ? 'warning' : 'secondary'}>{t(`status.${d.status}`)}</Badge>
            {d.agent && <span>{t('panel.agent', { name: d.agent.name })}</span>}
            <span className="text-xs">{t('panel.created', { when: fmt.dateTime(d.created_at) })}</span>
          </div>
        </SheetDescription>
      </header>
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto px-4 py-4 sm:px-6">
        <DealFields key={`f${d.version}`} deal={d} stages={stages} canWrite={canWrite} onPatch={(body) => patch.mutate(body)} />
        <Section title={t('panel.context')}>
          <ContextEditor key={`c${d.version}`} context={d.context} canWrite={canWrite} saving={context.isPending} onSave={(c) => context.mutate(c)} />
        </Section>
        {!!fields.data?.length && (
          <Section title={t('panel.customFields')}>
            <CustomFields
              key={`cf${d.version}`}
              fields={fields.data}
              values={d.custom_fields}
              canWrite={canWrite}
              onSave={(custom_fields) => patch.mutate({ custom_fields })}
            />
          </Section>
        )}
        <Tabs defaultValue="timeline" className="gap-3">
          <TabsList className="w-full overflow-x-auto sm:w-fit">
            <TabsTrigger value="messages" data-testid="deal-tab-messages">
              {t('panel.tabs.messages')}
            </TabsTrigger>
            <TabsTrigger value="timeline" data-testid="deal-tab-timeline">
              {t('panel.tabs.timeline')}
            </TabsTrigger>
            <TabsTrigger value="tasks" data-testid="deal-tab-tasks">
              {t('panel.tabs.tasks')}
            </TabsTrigger>
            <TabsTrigger value="notes" data-testid="deal-tab-notes">
              {t('panel.tabs.notes')}
            </TabsTrigger>
          </TabsList>
          <TabsContent value="messages" className="space-y-3">
            <FollowUpCard conversationId={id} canWrite={canWrite} className="rounded-md border" />
            <MessagesTab id={id} />
          </TabsContent>
          <TabsContent value="timeline">
            <TimelineTab id={id} />
          </TabsContent>
          <TabsContent value="tasks">
            <TasksTab id={id} canWrite={canWrite} />
          </TabsContent>
          <TabsContent value="notes">
            <NotesTab id={id} canWrite={canWrite} />
          </TabsContent>
        </Tabs>
      </div>
    </div>
  );
}

export function DealPanel({ id, canWrite, onClose }: { id: string | null; canWrite: boolean; onClose: () => void }) {
  const t = useTranslations('deals');
  return (
    <Sheet open={!!id} onOpenChange={(o) => !o && onClose()}>
      <SheetContent closeLabel={t('close')} aria-describedby={undefined}>
        {id && <PanelBody id={id} canWrite={canWrite} />}
      </SheetContent>
    </Sheet>
  );
}
