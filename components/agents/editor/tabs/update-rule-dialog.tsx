'use client';
// Create or edit one update rule: entity, the CRM field (picked from the workspace's fields), when to fill it, whether to overwrite.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { createUpdateRuleSchema, updateUpdateRuleSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
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
import { fieldsOf, useCrmChoices } from '../crm/use-crm-choices';

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
  const tc = useTranslations('agentsCrm.fields');
  const { agent, vocab } = useEditor();
  const choices = useCrmChoices();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const existing = rule && rule !== 'new' ? rule : null;
  const form = useForm<Values>({ resolver: existing ? resolver(editSchema) : resolver(createUpdateRuleSchema), defaultValues: toForm(existing) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);
  const entity = useWatch({ control: form.control, name: 'entity_type' });
  const fieldId = useWatch({ control: form.control, name: 'field_id' });
  // Fields an update rule can fill; a saved field gone from the CRM stays selectable so it shows.
  const options = fieldsOf(choices.data, entity).filter((f) => f.writable);
  const missing = fieldId && choices.isSuccess && !options.some((f) => f.code === fieldId) ? fieldId : null;

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
                  <Select
                    value={field.value}
                    onValueChange={(v) => {
                      field.onChange(v);
                      // A field of the other entity does not carry over.
                      if (!fieldsOf(choices.data, v as Entity).some((f) => f.code === form.getValues('field_id'))) form.setValue('field_id', '', { shouldDirty: true });
                    }}
                  >
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
          <FormField label={tc('field')} error={fieldError(errors.field_id)} required>
            {(p) => (
              <Controller
                control={form.control}
                name="field_id"
                render={({ field }) => (
                  <Select value={field.value || undefined} onValueChange={field.onChange} disabled={choices.isPending}>
                    <SelectTrigger {...p} className="w-full" data-testid="rule-field">
                      <SelectValue placeholder={tc('pickField')} />
                    </SelectTrigger>
                    <SelectContent>
                      {options.map((f) => (
                        <SelectItem key={f.code} value={f.code} data-testid="rule-field-option" data-code={f.code}>
                          {f.name}
                          {!f.system && <span className="ms-1.5 text-xs text-muted-foreground">{tc('custom')}</span>}
                        </SelectItem>
                      ))}
                      {missing && (
                        <SelectItem value={missing}>
                          <span className="font-mono text-xs">{missing}</span>
                          <span className="ms-1.5 text-xs text-muted-foreground">{tc('deleted')}</span>
                        </SelectItem>
                      )}
                    </SelectContent>
                  </Select>
                )}
              />
            )}
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
