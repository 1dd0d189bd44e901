'use client';
// Edit a pipeline: its name and the ordered stages. Removing stages that hold deals asks where
// those deals go (409 stage_has_deals lists them) and saves again with move_to.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { ApiError, api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { StagesEditor, checkStages, draftsOf } from './stages-editor';
import { MoveDealsDialog, type StageWithDeals } from './move-deals-dialog';
import { useServerFieldErrors, useStageMessages } from './use-stage-messages';
import { crmKeys, type Pipeline, type StageDraft } from './types';

export function PipelineEditorDialog({ pipeline, onClose }: { pipeline: Pipeline | null; onClose: () => void }) {
  const t = useTranslations('crmSetup.pipelines');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const stageMsg = useStageMessages();
  const serverErrors = useServerFieldErrors();
  const [name, setName] = useState('');
  const [stages, setStages] = useState<StageDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [blocked, setBlocked] = useState<StageWithDeals[] | null>(null);

  useEffect(() => {
    if (!pipeline) return;
    setName(pipeline.name);
    setStages(draftsOf(pipeline.stages));
    setErrors({});
    setDirty(false);
    setBlocked(null);
  }, [pipeline?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (moveTo?: Record<string, string>) => {
    if (!pipeline) return;
    const errs = checkStages(stages, stageMsg);
    if (!name.trim()) errs.name = stageMsg.required;
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      if (name.trim() !== pipeline.name) await api('PATCH', `/api/pipelines/${pipeline.id}`, { name: name.trim() });
      await api<{ pipeline: Pipeline }>('PUT', `/api/pipelines/${pipeline.id}/stages`, {
        stages: stages.map(({ id, code, name: n, color, kind }) => ({ ...(id ? { id } : {}), code, name: n.trim(), color, kind })),
        ...(moveTo ? { move_to: moveTo } : {}),
      });
      toast.success(t('saved'));
      setBlocked(null);
      await qc.invalidateQueries({ queryKey: crmKeys.pipelines() });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stage_has_deals') {
        const list = (err.details?.stages as StageWithDeals[] | undefined) ?? [];
        setBlocked(list);
      } else {
        const fields = serverErrors(err, 'stages.');
        if (fields) setErrors(fields);
        showError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  // Deals can only go to stages that exist now and stay: saved ones still in the list.
  const targets = stages.filter((s) => s.id).map((s) => ({ id: s.id as string, name: s.name }));

  return (
    <>
      <FormDialog
        open={!!pipeline}
        onClose={onClose}
        dirty={dirty}
        busy={busy}
        title={t('editTitle')}
        description={t('editHint')}
        className="sm:max-w-3xl"
        testId="pipeline-editor-dialog"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          className="space-y-4"
          noValidate
        >
          <div className="space-y-1.5">
            <Label htmlFor="pipeline-edit-name">{t('name')}</Label>
            <Input
              id="pipeline-edit-name"
              value={name}
              maxLength={255}
              onChange={(e) => {
                setName(e.target.value);
                setDirty(true);
              }}
              aria-invalid={errors.name ? true : undefined}
              data-testid="pipeline-edit-name"
            />
            {errors.name && <p className="text-xs text-destructive">{errors.name}</p>}
          </div>
          <div className="space-y-1.5">
            <p className="text-sm font-medium">{t('stages')}</p>
            <p className="text-xs text-muted-foreground">{t('stagesHint')}</p>
            <StagesEditor
              stages={stages}
              onChange={(s) => {
                setStages(s);
                setDirty(true);
              }}
              errors={errors}
            />
          </div>
          <DialogFooter className={stickyFooterClass}>
            <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
              {t('cancel')}
            </Button>
            <Button type="submit" disabled={busy} data-testid="pipeline-save">
              {busy && <Spinner aria-hidden />}
              {t('save')}
            </Button>
          </DialogFooter>
        </form>
      </FormDialog>
      <MoveDealsDialog
        stages={blocked}
        targets={targets}
        busy={busy}
        onCancel={() => setBlocked(null)}
        onConfirm={(moveTo) => void save(moveTo)}
      />
    </>
  );
}
