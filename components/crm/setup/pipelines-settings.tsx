'use client';
// Pipelines: each with its stages, deals count and the agents using it; create, edit, delete.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { KanbanIcon, PencilIcon, PlusIcon, StarIcon, Trash2Icon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { toast } from '@/components/ui/sonner';
import { ViewerNote } from '@/components/agents/viewer-note';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { SetupHeader } from './setup-tabs';
import { usePipelines } from './use-crm-setup';
import { PipelineCreateDialog } from './pipeline-create-dialog';
import { PipelineEditorDialog } from './pipeline-editor-dialog';
import { PipelineDeleteDialog } from './pipeline-delete-dialog';
import { crmKeys, type Pipeline } from './types';

export function PipelinesSettings({ canWrite, canAdmin }: { canWrite: boolean; canAdmin: boolean }) {
  const t = useTranslations('crmSetup.pipelines');
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Pipeline | null>(null);
  const [deleting, setDeleting] = useState<Pipeline | null>(null);
  const qc = useQueryClient();
  const showError = useErrorToast();
  const wsHref = useWorkspaceHref();

  const makeDefault = async (p: Pipeline) => {
    try {
      await api('PATCH', `/api/pipelines/${p.id}`, { is_default: true });
      toast.success(t('madeDefault', { name: p.name }));
      await qc.invalidateQueries({ queryKey: crmKeys.pipelines() });
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="space-y-6" data-testid="crm-pipelines-page">
      <SetupHeader
        active="pipelines"
        actions={
          canWrite && (
            <Button onClick={() => setCreating(true)} data-testid="pipeline-new">
              <PlusIcon aria-hidden />
              {t('new')}
            </Button>
          )
        }
      />
      {!canWrite && <ViewerNote />}
      {pipelines.isPending ? (
        <div className="space-y-3">
          <Skeleton className="h-28" />
          <Skeleton className="h-28" />
        </div>
      ) : !pipelines.data?.length ? (
        <EmptyState icon={<KanbanIcon />} title={t('empty')} />
      ) : (
        <ul className="space-y-3">
          {pipelines.data.map((p) => (
            <li key={p.id} className="rounded-xl border bg-card p-4" data-testid="pipeline-card" data-name={p.name}>
              <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <h2 className="font-semibold break-words">{p.name}</h2>
                    {p.is_default && <Badge variant="secondary">{t('default')}</Badge>}
                    {!p.is_active && <Badge variant="outline">{t('inactive')}</Badge>}
                  </div>
                  <p className="text-sm text-muted-foreground">
                    {t('dealsCount', { n: p.deals_count })}
                    {' · '}
                    {p.agents.length ? (
                      <>
                        {t('usedBy')}{' '}
                        {p.agents.map((a, i) => (
                          <span key={a.id}>
                            {i > 0 && ', '}
                            <Link className="underline-offset-4 hover:underline" href={wsHref(`/agents/${a.id}`)}>
                              {a.name}
                            </Link>
                          </span>
                        ))}
                      </>
                    ) : (
                      t('noAgents')
                    )}
                  </p>
                </div>
                <div className="flex shrink-0 flex-wrap gap-2">
                  {canWrite && !p.is_default && (
                    <Button variant="ghost" size="sm" onClick={() => makeDefault(p)} data-testid="pipeline-make-default">
                      <StarIcon aria-hidden />
                      {t('makeDefault')}
                    </Button>
                  )}
                  {canWrite && (
                    <Button variant="outline" size="sm" onClick={() => setEditing(p)} data-testid="pipeline-edit">
                      <PencilIcon aria-hidden />
                      {t('edit')}
                    </Button>
                  )}
                  {canAdmin && (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setDeleting(p)}
                      aria-label={t('deleteNamed', { name: p.name })}
                      data-testid="pipeline-delete"
                    >
                      <Trash2Icon aria-hidden />
                    </Button>
                  )}
                </div>
              </div>
              <ol className="mt-3 flex flex-wrap gap-1.5" aria-label={t('stagesOf', { name: p.name })}>
                {p.stages.map((s) => (
                  <li
                    key={s.id}
                    className="inline-flex max-w-full items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs"
                    data-testid="pipeline-stage-chip"
                  >
                    <span className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: s.color }} aria-hidden />
                    <span className="truncate">{s.name}</span>
                    {s.kind !== 'open' && <span className="text-muted-foreground">· {t(`kind.${s.kind}`)}</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
      <PipelineCreateDialog open={creating} onClose={() => setCreating(false)} />
      <PipelineEditorDialog pipeline={editing} onClose={() => setEditing(null)} />
      <PipelineDeleteDialog pipeline={deleting} pipelines={pipelines.data ?? []} onClose={() => setDeleting(null)} />
    </div>
  );
}
