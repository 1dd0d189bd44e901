'use client';
// Create or edit one update rule: entity, field id, when to fill it, whether to overwrite.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { createUpdateRuleSchema, updateUpdateRuleSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { DialogFooter } from '@/components/ui/dialog';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '../../api-client';
import type { UpdateRule } from '../../types';
import { applyServerErrors, resolverFor, useClearErrorsOnChange, useErrorToast, useFieldError } from '../../use-api-errors';
import type { EntityType as Entity } from '../../vocab';
import { FormDialog, stickyFooterClass } from '../../form-dialog';
import { useEditor } from '../editor-context';
import { SwitchRow } from '../section';

const toForm = (r: UpdateRule | null) => ({
  entity_type: (r?.entity_type ?? 'deal') as Entity,
  field_id: r?.field_id ?? '',
  condition: r?.condition ?? '',
  overwrite: r?.overwrite ?? false,
});
type Values = ReturnType<typeof toForm>;
const resolver = resolverFor<Values>();
// POST …/update-rules parses the body with createUpdateRuleSchema, PATCH …/update-rules/:id with
// updateUpdateRuleSchema; this form always sends all four fields, so editing requires them.
const editSchema = updateUpdateRuleSchema.required();

export function UpdateRuleDialog({
  rule,
  onClose,
  onSaved,
}: {
  rule: UpdateRule | 'new' | null;
  onClose: () => void;
  onSaved: (rule: UpdateRule) => void;
}) {
  const t = useTranslations('agents.crm.rules');
  const { agent, vocab } = useEditor();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const existing = rule && rule !== 'new' ? rule : null;
  const form = useForm<Values>({ resolver: existing ? resolver(editSchema) : resolver(createUpdateRuleSchema), defaultValues: toForm(existing) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  useEffect(() => {
    if (rule) form.reset(toForm(existing));
  }, [rule]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { update_rule } = existing
        ? await api<{ update_rule: UpdateRule }>('PATCH', `/api/agents/${agent.id}/update-rules/${existing.id}`, values)
        : await api<{ update_rule: UpdateRule }>('POST', `/api/agents/${agent.id}/update-rules`, values);
      onSaved(update_rule);
      form.reset(toForm(update_rule));
      onClose();
    } catch (err) {
      if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
    }
  });

  return (
    <FormDialog
      open={rule !== null}
      onClose={onClose}
      dirty={isDirty}
      busy={isSubmitting}
      title={existing ? t('editTitle') : t('newTitle')}
      description={t('dialogDescription')}
      testId="rule-dialog"
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
          <FormField label={t('entityLabel')} error={fieldError(errors.entity_type)}>
            {(p) => (
              <Controller
                control={form.control}
                name="entity_type"
                render={({ field }) => (
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger {...p} data-testid="rule-entity">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {vocab.entityTypes.map((e) => (
                        <SelectItem key={e} value={e}>
                          {t(`entity.${e}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            )}
          </FormField>
          <FormField label={t('fieldId')} error={fieldError(errors.field_id)} required>
            <Input className="font-mono" placeholder="budget" data-testid="rule-field" {...form.register('field_id')} />
          </FormField>
        </div>
        <FormField label={t('condition')} description={t('conditionHint')} error={fieldError(errors.condition)} required>
          <Textarea rows={3} placeholder={t('conditionPlaceholder')} data-testid="rule-condition" {...form.register('condition')} />
        </FormField>
        <SwitchRow control={form.control} name="overwrite" label={t('overwrite')} description={t('overwriteHint')} testId="rule-overwrite" />
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={isSubmitting} data-testid="rule-save">
            {isSubmitting && <Spinner aria-hidden />}
            {t('save')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
