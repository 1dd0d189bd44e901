'use client';
// Delete a pipeline. The default one cannot go (say why); one that agents use names them with
// links; one holding deals asks for a stage of another pipeline to move them to.
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { ApiError, api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { crmKeys, type Pipeline } from './types';

type Problem = { kind: 'default' } | { kind: 'in_use'; agents: { id: string; name: string }[] } | { kind: 'has_deals'; deals: number } | null;

export function PipelineDeleteDialog({ pipeline, pipelines, onClose }: { pipeline: Pipeline | null; pipelines: Pipeline[]; onClose: () => void }) {
  const t = useTranslations('crmSetup.deletePipeline');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const wsHref = useWorkspaceHref();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [target, setTarget] = useState('');

  useEffect(() => {
    if (!pipeline) return;
    setTarget('');
    setProblem(pipeline.is_default ? { kind: 'default' } : pipeline.agents.length ? { kind: 'in_use', agents: pipeline.agents } : null);
  }, [pipeline?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const others = pipelines.filter((p) => p.id !== pipeline?.id);

  const confirm = async () => {
    if (!pipeline) return;
    setBusy(true);
    try {
      await api('DELETE', `/api/pipelines/${pipeline.id}${target ? `?move_to=${encodeURIComponent(target)}` : ''}`);
      toast.success(t('deleted', { name: pipeline.name }));
      await qc.invalidateQueries({ queryKey: crmKeys.pipelines() });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'pipeline_in_use') {
        setProblem({ kind: 'in_use', agents: (err.details?.agents as { id: string; name: string }[] | undefined) ?? [] });
      } else if (err instanceof ApiError && err.code === 'pipeline_has_deals') {
        setProblem({ kind: 'has_deals', deals: Number(err.details?.deals ?? 0) });
      } else if (err instanceof ApiError && err.code === 'pipeline_is_default') {
        setProblem({ kind: 'default' });
      } else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const blocked = problem?.kind === 'default' || problem?.kind === 'in_use';
  const needsTarget = problem?.kind === 'has_deals' || (pipeline?.deals_count ?? 0) > 0;

  return (
    <AlertDialog open={!!pipeline} onOpenChange={(o) => !o && !busy && onClose()}>
      <AlertDialogContent data-testid="pipeline-delete-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">{t('title', { name: pipeline?.name ?? '' })}</AlertDialogTitle>
          <AlertDialogDescription>
            {problem?.kind === 'default'
              ? t('isDefault')
              : problem?.kind === 'in_use'
                ? t('inUse')
                : needsTarget
                  ? t('hasDeals', { n: problem?.kind === 'has_deals' ? problem.deals : (pipeline?.deals_count ?? 0) })
                  : t('description')}
          </AlertDialogDescription>
        </AlertDialogHeader>
        {problem?.kind === 'in_use' && (
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="pipeline-delete-agents">
            {problem.agents.map((a) => (
              <li key={a.id}>
                <Link className="text-primary underline-offset-4 hover:underline" href={wsHref(`/agents/${a.id}`)}>
                  {a.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {!blocked && needsTarget && (
          <Select value={target} onValueChange={setTarget}>
            <SelectTrigger className="w-full" aria-label={t('moveTo')} data-testid="pipeline-delete-target">
              <SelectValue placeholder={t('moveTo')} />
            </SelectTrigger>
            <SelectContent>
              {others.map((p) => (
                <SelectGroup key={p.id}>
                  <SelectLabel>{p.name}</SelectLabel>
                  {p.stages.map((s) => (
                    <SelectItem key={s.id} value={s.id}>
                      {s.name}
                    </SelectItem>
                  ))}
                </SelectGroup>
              ))}
            </SelectContent>
          </Select>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={busy}>{blocked ? t('close') : t('cancel')}</AlertDialogCancel>
          {!blocked && (
            <Button variant="destructive" onClick={confirm} disabled={busy || (needsTarget && !target)} data-testid="pipeline-delete-confirm">
              {busy && <Spinner aria-hidden />}
              {t('confirm')}
            </Button>
          )}
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
