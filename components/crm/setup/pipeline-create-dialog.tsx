'use client';
// A new pipeline: from scratch (three stages to start from) or from a vertical's template, whose
// stages are shown and may be edited before creating.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { StagesEditor, checkStages, draftsOf, newStageKey } from './stages-editor';
import { useServerFieldErrors, useStageMessages } from './use-stage-messages';
import { useVerticals } from './use-crm-setup';
import { crmKeys, type Pipeline, type StageDraft } from './types';

function scratchStages(t: (k: string) => string): StageDraft[] {
  return [
    { key: newStageKey(), code: 'new', name: t('scratch.new'), color: '#3b82f6', kind: 'open' },
    { key: newStageKey(), code: 'won', name: t('scratch.won'), color: '#22c55e', kind: 'won' },
    { key: newStageKey(), code: 'lost', name: t('scratch.lost'), color: '#ef4444', kind: 'lost' },
  ];
}

export function PipelineCreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('crmSetup.pipelines');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const stageMsg = useStageMessages();
  const serverErrors = useServerFieldErrors();
  const verticals = useVerticals();
  const [name, setName] = useState('');
  const [source, setSource] = useState<'scratch' | 'template'>('scratch');
  const [vertical, setVertical] = useState('');
  const [stages, setStages] = useState<StageDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!open) return;
    setName('');
    setSource('scratch');
    setVertical('');
    setStages(scratchStages(t));
    setErrors({});
    setDirty(false);
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const pickVertical = (code: string) => {
    setVertical(code);
    const v = verticals.data?.find((x) => x.code === code);
    if (v) {
      setStages(draftsOf(v.stages));
      if (!name.trim()) setName(v.name);
    }
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs = checkStages(stages, stageMsg);
    if (!name.trim()) errs.name = stageMsg.required;
    if (source === 'template' && !vertical) errs.vertical = t('chooseTemplate');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const res = await api<{ pipeline: Pipeline }>('POST', '/api/pipelines', {
        name: name.trim(),
        ...(source === 'template' ? { vertical_code: vertical } : {}),
        stages: stages.map(({ code, name: n, color, kind }) => ({ code, name: n.trim(), color, kind })),
      });
      toast.success(t('created', { name: res.pipeline.name }));
      await qc.invalidateQueries({ queryKey: crmKeys.pipelines() });
      onClose();
    } catch (err) {
      const fields = serverErrors(err);
      if (fields) {
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^stages\./, ''), v])));
      }
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog open={open} onClose={onClose} dirty={dirty} busy={busy} title={t('newTitle')} className="sm:max-w-3xl" testId="pipeline-create-dialog">
      <form onSubmit={submit} onChange={() => setDirty(true)} className="space-y-4" noValidate>
        <div className="space-y-1.5">
          <Label htmlFor="pipeline-name">{t('name')}</Label>
          <Input id="pipeline-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={255} aria-invalid={errors.name ? true : undefined} data-testid="pipeline-name" />
          {errors.name && <p className="text-xs text-destructive">{errors.name}</p>}
        </div>
        <RadioGroup
          value={source}
          onValueChange={(v) => {
            setSource(v as 'scratch' | 'template');
            setDirty(true);
            if (v === 'scratch') {
              setVertical('');
              setStages(scratchStages(t));
            }
          }}
          className="flex flex-wrap gap-4"
          aria-label={t('source')}
        >
          <label className="flex items-center gap-2 text-sm">
            <RadioGroupItem value="scratch" data-testid="pipeline-source-scratch" />
            {t('fromScratch')}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <RadioGroupItem value="template" data-testid="pipeline-source-template" />
            {t('fromTemplate')}
          </label>
        </RadioGroup>
        {source === 'template' && (
          <div className="space-y-1.5">
            <Label>{t('template')}</Label>
            <Select value={vertical} onValueChange={pickVertical}>
              <SelectTrigger className="w-full sm:w-80" data-testid="pipeline-template" aria-invalid={errors.vertical ? true : undefined}>
                <SelectValue placeholder={t('chooseTemplate')} />
              </SelectTrigger>
              <SelectContent>
                {(verticals.data ?? []).map((v) => (
                  <SelectItem key={v.code} value={v.code} data-testid={`pipeline-template-${v.code}`}>
                    {v.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {errors.vertical && <p className="text-xs text-destructive">{errors.vertical}</p>}
          </div>
        )}
        {(source === 'scratch' || vertical) && (
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
        )}
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={busy} data-testid="pipeline-create-submit">
            {busy && <Spinner aria-hidden />}
            {t('create')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
