'use client';
// Create or edit a trigger: name, condition, typed actions, cancel message and run limit.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { useFieldArray, useForm } from 'react-hook-form';
import { PlusIcon } from 'lucide-react';
import type { z } from 'zod';
import { createTriggerSchema, updateTriggerSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { Label } from '@/components/ui/label';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { DialogFooter } from '@/components/ui/dialog';
import { api } from '../../api-client';
import type { Trigger } from '../../types';
import { applyServerErrors, resolverFor, useClearErrorsOnChange, useErrorToast, useFieldError } from '../../use-api-errors';
import type { TriggerActionType as ActionType } from '../../vocab';
import { FormDialog, stickyFooterClass } from '../../form-dialog';
import { useEditor } from '../editor-context';
import { TriggerActionFields } from './trigger-action-fields';

type Values = z.input<typeof createTriggerSchema>;
const resolver = resolverFor<Values>();
// POST …/triggers parses the body with createTriggerSchema, PATCH …/triggers/:id with
// updateTriggerSchema; this form always sends the fields a trigger cannot do without.
const editSchema = updateTriggerSchema.required({ name: true, condition: true, actions: true });

const toForm = (tr: Trigger | null): Values => ({
  name: tr?.name ?? '',
  condition: tr?.condition ?? '',
  actions: (tr?.actions ?? [{ action_type: 'send_message', action_config: { message: '' } }]).map((a) => ({
    action_type: a.action_type as ActionType,
    action_config: { ...(a.action_config as Record<string, unknown>) },
  })),
  cancel_message: tr?.cancel_message ?? '',
  run_limit: tr?.run_limit ?? 0,
  is_active: tr?.is_active ?? true,
});

export function TriggerDialog({
  trigger,
  onClose,
  onSaved,
}: {
  trigger: Trigger | 'new' | null;
  onClose: () => void;
  onSaved: (trigger: Trigger) => void;
}) {
  const t = useTranslations('agents.triggers');
  const { agent, canWrite } = useEditor();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const existing = trigger && trigger !== 'new' ? trigger : null;
  const form = useForm<Values>({ resolver: existing ? resolver(editSchema) : resolver(createTriggerSchema), defaultValues: toForm(existing) });
  const actions = useFieldArray({ control: form.control, name: 'actions' });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  useEffect(() => {
    if (trigger) form.reset(toForm(existing));
  }, [trigger]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { trigger: saved } = existing
        ? await api<{ trigger: Trigger }>('PATCH', `/api/agents/${agent.id}/triggers/${existing.id}`, values)
        : await api<{ trigger: Trigger }>('POST', `/api/agents/${agent.id}/triggers`, values);
      onSaved(saved);
      form.reset(toForm(saved));
      onClose();
    } catch (err) {
      if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
    }
  });

  return (
    <FormDialog
      open={trigger !== null}
      onClose={onClose}
      dirty={isDirty}
      busy={isSubmitting}
      title={existing ? t('editTitle') : t('newTitle')}
      description={t('dialogDescription')}
      className="sm:max-w-2xl"
      testId="trigger-dialog"
    >
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!canWrite} className="grid min-w-0 gap-5">
          <FormField label={t('name')} error={fieldError(errors.name)} required>
            <Input placeholder={t('namePlaceholder')} data-testid="trigger-name-input" {...form.register('name')} />
          </FormField>
          <FormField label={t('condition')} description={t('conditionHint')} error={fieldError(errors.condition)} required>
            <Textarea rows={3} placeholder={t('conditionPlaceholder')} data-testid="trigger-condition" {...form.register('condition')} />
          </FormField>
          <div className="space-y-3">
            <div className="flex items-center justify-between gap-3">
              <Label>{t('actions')}</Label>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => actions.append({ action_type: 'send_message', action_config: { message: '' } })}
                disabled={actions.fields.length >= 20}
                data-testid="trigger-action-add"
              >
                <PlusIcon aria-hidden />
                {t('addAction')}
              </Button>
            </div>
            {errors.actions?.root || errors.actions?.message ? (
              <p className="text-sm font-medium text-destructive">{fieldError(errors.actions.root ?? errors.actions)}</p>
            ) : null}
            {actions.fields.map((f, i) => (
              <TriggerActionFields
                key={f.id}
                form={form}
                index={i}
                onRemove={actions.fields.length > 1 ? () => actions.remove(i) : undefined}
              />
            ))}
          </div>
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <FormField label={t('cancelMessage')} description={t('cancelMessageHint')} error={fieldError(errors.cancel_message)}>
              <Textarea rows={2} data-testid="trigger-cancel-message" {...form.register('cancel_message')} />
            </FormField>
            <FormField label={t('runLimit')} description={t('runLimitHint')} error={fieldError(errors.run_limit)}>
              <Input
                type="number"
                min={0}
                inputMode="numeric"
                data-testid="trigger-run-limit"
                {...form.register('run_limit', { setValueAs: (v) => (v === '' ? 0 : Number(v)) })}
              />
            </FormField>
          </div>
          <DialogFooter className={stickyFooterClass}>
            <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
              {t('cancel')}
            </Button>
            {canWrite && (
              <Button type="submit" disabled={isSubmitting} data-testid="trigger-save">
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
