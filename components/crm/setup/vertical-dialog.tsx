'use client';
// Create or edit an own vertical: code, name, intents (chips) and its stages template.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { TagInput } from '@/components/agents/tag-input';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { CODE_RE, codeFromName } from './code-from-name';
import { StagesEditor, checkStages, draftsOf, newStageKey } from './stages-editor';
import { useServerFieldErrors, useStageMessages } from './use-stage-messages';
import { crmKeys, type StageDraft, type Vertical } from './types';

export function VerticalDialog({ vertical, open, onClose }: { vertical: Vertical | null; open: boolean; onClose: () => void }) {
  const t = useTranslations('crmSetup.verticals');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const stageMsg = useStageMessages();
  const serverErrors = useServerFieldErrors();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const [intents, setIntents] = useState<string[]>([]);
  const [stages, setStages] = useState<StageDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!open) return;
    setName(vertical?.name ?? '');
    setCode(vertical?.code ?? '');
    setCodeTouched(false);
    setIntents(vertical?.intents ?? []);
    setStages(vertical ? draftsOf(vertical.stages) : [{ key: newStageKey(), code: 'new', name: '', color: '#3b82f6', kind: 'open' }]);
    setErrors({});
    setDirty(false);
  }, [open, vertical?.code]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs = checkStages(stages, stageMsg);
    if (!name.trim()) errs.name = stageMsg.required;
    if (!vertical && !CODE_RE.test(code)) errs.code = stageMsg.code;
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body = {
      name: name.trim(),
      intents,
      stages: stages.map(({ code: c, name: n, color, kind }) => ({ code: c, name: n.trim(), color, kind })),
    };
    setBusy(true);
    try {
      if (vertical) await api('PATCH', `/api/verticals/${encodeURIComponent(vertical.code)}`, body);
      else await api('POST', '/api/verticals', { ...body, code });
      toast.success(vertical ? t('saved') : t('created', { name: body.name }));
      await qc.invalidateQueries({ queryKey: crmKeys.verticals() });
      onClose();
    } catch (err) {
      const fields = serverErrors(err);
      if (fields) setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^stages\./, ''), v])));
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog open={open} onClose={onClose} dirty={dirty} busy={busy} title={vertical ? t('editTitle') : t('newTitle')} className="sm:max-w-3xl" testId="vertical-dialog">
      <form onSubmit={submit} onChange={() => setDirty(true)} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1.5">
            <Label htmlFor="vertical-name">{t('name')}</Label>
            <Input
              id="vertical-name"
              value={name}
              maxLength={255}
              aria-invalid={errors.name ? true : undefined}
              data-testid="vertical-name"
              onChange={(e) => {
                setName(e.target.value);
                if (!vertical && !codeTouched) setCode(codeFromName(e.target.value));
              }}
            />
            {errors.name && <p className="text-xs text-destructive">{errors.name}</p>}
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="vertical-code">{t('code')}</Label>
            <Input
              id="vertical-code"
              value={code}
              maxLength={64}
              disabled={!!vertical}
              className="font-mono text-sm"
              aria-invalid={errors.code ? true : undefined}
              data-testid="vertical-code"
              onChange={(e) => {
                setCode(e.target.value.toLowerCase());
                setCodeTouched(true);
              }}
            />
            {errors.code && <p className="text-xs text-destructive">{errors.code}</p>}
          </div>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="vertical-intents">{t('intents')}</Label>
          <TagInput id="vertical-intents" value={intents} onChange={(v) => (setIntents(v), setDirty(true))} placeholder={t('intentsHint')} maxLength={64} testId="vertical-intents" />
        </div>
        <div className="space-y-1.5">
          <p className="text-sm font-medium">{t('stages')}</p>
          <StagesEditor stages={stages} onChange={(s) => (setStages(s), setDirty(true))} errors={errors} />
        </div>
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={busy} data-testid="vertical-submit">
            {busy && <Spinner aria-hidden />}
            {vertical ? t('save') : t('create')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
