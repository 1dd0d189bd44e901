'use client';
// "Sync with CRM": POST /api/agents/:id/sync-crm, then a dialog with what changed.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RefreshCwIcon } from 'lucide-react';
import type { syncAgentCrm } from '@/lib/agents/sync-agent-crm';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { api } from '../../api-client';
import { agentKeys } from '../../types';
import { useErrorToast } from '../../use-api-errors';
import { useEditor } from '../editor-context';

type SyncResult = Awaited<ReturnType<typeof syncAgentCrm>>;

export function SyncCrmButton({ disabled }: { disabled?: boolean }) {
  const t = useTranslations('agentsCrm.sync');
  const { agent, canWrite } = useEditor();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [report, setReport] = useState<SyncResult | null>(null);
  const sync = useMutation({
    mutationFn: () => api<SyncResult>('POST', `/api/agents/${agent.id}/sync-crm`),
    onSuccess: async (result) => {
      await qc.invalidateQueries({ queryKey: ['agents', 'crm-choices'] });
      await qc.invalidateQueries({ queryKey: agentKeys.detail(agent.id) });
      setReport(result);
    },
    onError: showError,
  });
  if (!canWrite) return null;

  const c = report?.changes;
  const nothing = c && !c.renamed.length && !c.removed_stages.length && !c.removed_pipelines.length && !c.removed_fields.length;
  return (
    <>
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() => sync.mutate()}
        disabled={disabled || sync.isPending}
        title={disabled ? t('saveFirst') : undefined}
        data-testid="crm-sync"
      >
        {sync.isPending ? <Spinner aria-hidden /> : <RefreshCwIcon aria-hidden />}
        {t('button')}
      </Button>
      <Dialog open={report !== null} onOpenChange={(o) => !o && setReport(null)}>
        <DialogContent data-testid="crm-sync-report">
          <DialogHeader>
            <DialogTitle>{t('title')}</DialogTitle>
            <DialogDescription>{nothing ? t('nothing') : t('description')}</DialogDescription>
          </DialogHeader>
          {c && !nothing && (
            <ul className="list-disc space-y-1.5 ps-5 text-sm">
              {c.renamed.map((r) => (
                <li key={`r-${r.pipeline_id}`}>{t('renamed', { old: r.old_name, new: r.new_name })}</li>
              ))}
              {c.removed_stages.length > 0 && <li>{t('removedStages', { count: c.removed_stages.length })}</li>}
              {c.removed_pipelines.map((p) => (
                <li key={`p-${p.pipeline_id}`}>{t('removedPipeline', { name: p.pipeline_name })}</li>
              ))}
              {c.removed_fields.length > 0 && (
                <li className="break-all">{t('removedFields', { codes: [...new Set(c.removed_fields.map((f) => f.code))].join(', ') })}</li>
              )}
            </ul>
          )}
          <DialogFooter>
            <Button type="button" onClick={() => setReport(null)} data-testid="crm-sync-close">
              {t('close')}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
