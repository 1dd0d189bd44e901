'use client';
// Create or edit a chain: name, which stages it runs in, exclusions, steps, weekly schedule, run limit.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { chainConditionProblem, createChainSchema, updateChainSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { DialogFooter } from '@/components/ui/dialog';
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group';
import { api } from '../../api-client';
import type { Chain } from '../../types';
import { TagInput } from '../../tag-input';
import { applyServerErrors, resolverFor, useClearErrorsOnChange, useErrorToast, useFieldError } from '../../use-api-errors';
import type { AgentVocab } from '../../vocab';
import { FormDialog, stickyFooterClass } from '../../form-dialog';
import { useEditor } from '../editor-context';
import { fullWeek, ScheduleEditor } from '../schedule-editor';
import { ChainSteps } from './chain-steps';
import { ChainPreview } from './chain-preview';
import { ChainActivity, ChainDialogTabs } from './chain-activity';
import { newStep, type ChainActionType as ActionType, type Unit } from './chain-defaults';

type Values = z.input<typeof createChainSchema>;
const resolver = resolverFor<Values>();
/**
 * POST …/chains parses the body with createChainSchema; PATCH …/chains/:id with updateChainSchema,
 * then checks chainConditionProblem on the merged chain. This form always sends every field (the
 * ones a chain cannot do without are required here), so the merged check applies to it as is.
 */
const editSchema = updateChainSchema.required({ name: true, steps: true }).superRefine((c, ctx) => {
  const problem = chainConditionProblem(c.condition_type ?? 'all', c.condition_stages ?? []);
  if (problem) ctx.addIssue({ code: 'custom', path: ['condition_stages'], message: problem.message, params: { code: problem.code } });
});

const toForm = (c: Chain | null, vocab: AgentVocab): Values => ({
  name: c?.name ?? '',
  is_active: c?.is_active ?? true,
  condition_type: (c?.condition_type ?? 'all') as 'all' | 'specific',
  condition_stages: [...(c?.condition_stages ?? [])],
  condition_exclude: c?.condition_exclude ?? '',
  steps: c?.steps.map((s) => ({
    delay_value: s.delay_value,
    delay_unit: s.delay_unit as Unit,
    actions: s.actions.map((a) => ({ action_type: a.action_type as ActionType, instruction: a.instruction ?? '' })),
  })) ?? [newStep(vocab.delayUnits[0])],
  schedule: c?.schedule ? fullWeek(c.schedule, vocab.weekdays) : null,
  run_limit: c?.run_limit ?? 0,
});

export function ChainDialog({ chain, onClose, onSaved }: { chain: Chain | 'new' | null; onClose: () => void; onSaved: (c: Chain) => void }) {
  const t = useTranslations('agents.chains');
  const { agent, canWrite, vocab } = useEditor();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const existing = chain && chain !== 'new' ? chain : null;
  const form = useForm<Values>({ resolver: existing ? resolver(editSchema) : resolver(createChainSchema), defaultValues: toForm(existing, vocab) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);
  const conditionType = useWatch({ control: form.control, name: 'condition_type' });
  // A saved chain also has its runs and results (issue 10), on a second tab of the dialog.
  const [view, setView] = useState<'setup' | 'results'>('setup');

  useEffect(() => {
    if (chain) form.reset(toForm(existing, vocab));
    setView('setup');
  }, [chain]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { chain: saved } = existing
        ? await api<{ chain: Chain }>('PATCH', `/api/agents/${agent.id}/chains/${existing.id}`, values)
        : await api<{ chain: Chain }>('POST', `/api/agents/${agent.id}/chains`, values);
      onSaved(saved);
      form.reset(toForm(saved, vocab));
      onClose();
    } catch (err) {
      if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
    }
  });

  return (
    <FormDialog
      open={chain !== null}
      onClose={onClose}
      dirty={isDirty}
      busy={isSubmitting}
      title={existing ? t('editTitle') : t('newTitle')}
      description={t('dialogDescription')}
      className="sm:max-w-3xl"
      testId="chain-dialog"
    >
      {existing && <ChainDialogTabs value={view} onChange={setView} />}
      {existing && view === 'results' && <ChainActivity agentId={agent.id} chainId={existing.id} canWrite={canWrite} />}
      <form onSubmit={onSubmit} noValidate hidden={view === 'results'}>
        <fieldset disabled={!canWrite} className="grid min-w-0 gap-6">
          <FormField label={t('name')} error={fieldError(errors.name)} required>
            <Input placeholder={t('namePlaceholder')} data-testid="chain-name-input" {...form.register('name')} />
          </FormField>

          <div className="space-y-3">
            <Label>{t('condition')}</Label>
            <Controller
              control={form.control}
              name="condition_type"
              render={({ field }) => (
                <RadioGroup value={field.value} onValueChange={field.onChange} className="flex flex-wrap gap-x-6 gap-y-2">
                  {(['all', 'specific'] as const).map((v) => (
                    <div key={v} className="flex items-center gap-2">
                      <RadioGroupItem value={v} id={`chain-cond-${v}`} data-testid={`chain-condition-${v}`} />
                      <Label htmlFor={`chain-cond-${v}`} className="font-normal">
                        {t(`conditionTypes.${v}`)}
                      </Label>
                    </div>
                  ))}
                </RadioGroup>
              )}
            />
            {conditionType === 'specific' && (
              <FormField label={t('stages')} description={t('stagesHint')} error={fieldError(errors.condition_stages as { message?: string; type?: string })}>
                {(p) => (
                  <Controller
                    control={form.control}
                    name="condition_stages"
                    render={({ field }) => <TagInput {...p} value={field.value ?? []} onChange={field.onChange} placeholder="new_lead" testId="chain-stages" />}
                  />
                )}
              </FormField>
            )}
          </div>
          <div>
            <FormField label={t('exclude')} description={t('excludeHint')} error={fieldError(errors.condition_exclude)}>
              <Textarea rows={2} placeholder={t('excludePlaceholder')} data-testid="chain-exclude" {...form.register('condition_exclude')} />
            </FormField>
          </div>

          <ChainSteps form={form} />

          <Controller
            control={form.control}
            name="schedule"
            render={({ field }) => (
              <div className="space-y-3">
                <div className="flex items-start justify-between gap-4">
                  <div className="space-y-1">
                    <Label htmlFor="chain-schedule-on">{t('schedule')}</Label>
                    <p className="text-sm text-muted-foreground">{t('scheduleHint')}</p>
                  </div>
                  <Switch
                    id="chain-schedule-on"
                    checked={field.value != null}
                    onCheckedChange={(on) => field.onChange(on ? fullWeek(null, vocab.weekdays) : null)}
                    data-testid="chain-schedule-toggle"
                  />
                </div>
                {field.value && (
                  <ScheduleEditor
                    value={fullWeek(field.value, vocab.weekdays)}
                    onChange={field.onChange}
                    errors={Array.isArray(errors.schedule) ? errors.schedule : undefined}
                    disabled={!canWrite}
                    testId="chain-schedule"
                  />
                )}
              </div>
            )}
          />

          <ChainPreview control={form.control} agentId={agent.id} chainId={existing?.id ?? null} />

          <FormField label={t('runLimit')} description={t('runLimitHint')} error={fieldError(errors.run_limit)} className="sm:max-w-xs">
            <Input
              type="number"
              min={0}
              inputMode="numeric"
              data-testid="chain-run-limit"
              {...form.register('run_limit', { setValueAs: (v) => (v === '' ? 0 : Number(v)) })}
            />
          </FormField>

          <DialogFooter className={stickyFooterClass}>
            <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
              {t('cancel')}
            </Button>
            {canWrite && (
              <Button type="submit" disabled={isSubmitting} data-testid="chain-save">
                {isSubmitting && <Spinner aria-hidden />}
                {t('save')}
              </Button>
            )}
          </DialogFooter>
        </fieldset>
      </form>
    </FormDialog>
  );
}
