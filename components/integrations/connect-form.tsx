'use client';
// What the three connect dialogs (Telegram, WhatsApp, site chat) share: the form with its reset
// on open and the API refusal mapped onto fields (or a form-level alert), the connection's name
// and pipeline fields, and the footers.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { zodResolver } from '@/components/forms/resolver';
import { useClearErrorsOnChange, useErrorText, useFieldError } from '@/components/agents/use-api-errors';
import { PipelineSelect } from './pipeline-select';
import { applyConnectError } from './use-connect-errors';
import type { Integration } from './types';

export interface ConnectionBaseValues {
  name?: string;
  pipeline_id?: string | null;
}

/**
 * The dialog's form: reset to `defaults()` whenever it opens; `submit` runs with the parsed values
 * and may call `finish(saved)` to switch the dialog to its "done" step; a refusal lands on fields.
 */
export function useConnectForm<V extends FieldValues & ConnectionBaseValues>(
  schema: z.ZodType<V, V>,
  defaults: () => V,
  open: boolean,
  submit: (values: V, finish: (saved: Integration) => void) => Promise<void>,
) {
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Integration | null>(null);
  const form = useForm<V, unknown, V>({ resolver: zodResolver(schema), defaultValues: defaults() as DefaultValues<V> });
  useClearErrorsOnChange(form);

  useEffect(() => {
    if (open) {
      form.reset(defaults());
      setFormError(null);
      setDone(null);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await submit(values, (saved) => {
        form.reset(defaults());
        setDone(saved);
      });
    } catch (err) {
      if (!applyConnectError(err, form.setError, form.getValues())) setFormError(errorText(err));
    }
  });

  return { form, fieldError, formError, done, onSubmit, reset: () => form.reset(defaults()) };
}

/** The body's optional name and pipeline: trimmed name only when given; pipeline null = none. */
export function namePipelineBody(values: ConnectionBaseValues) {
  return { ...(values.name?.trim() ? { name: values.name.trim() } : {}), pipeline_id: values.pipeline_id ?? null };
}

/** The connection's name and the pipeline its new deals start in. */
export function NameAndPipelineFields<V extends FieldValues & ConnectionBaseValues>({
  form,
  fieldError,
  testPrefix,
}: {
  form: UseFormReturn<V, unknown, V>;
  fieldError: ReturnType<typeof useFieldError>;
  testPrefix: string;
}) {
  const shared = useTranslations('integrations');
  const errors = form.formState.errors as FieldErrors<ConnectionBaseValues>;
  return (
    <>
      <FormField label={shared('fields.name')} description={shared('fields.nameHint')} error={fieldError(errors.name)}>
        <Input maxLength={100} data-testid={`${testPrefix}-name`} {...form.register('name' as Path<V>)} />
      </FormField>
      <FormField label={shared('fields.pipeline')} description={shared('fields.pipelineHint')} error={fieldError(errors.pipeline_id)}>
        {(control) => (
          <Controller
            control={form.control}
            name={'pipeline_id' as Path<V>}
            render={({ field }) => (
              <PipelineSelect value={(field.value as string | null) ?? null} onChange={field.onChange} testId={`${testPrefix}-pipeline`} control={control} />
            )}
          />
        )}
      </FormField>
    </>
  );
}

/** Cancel + submit (with a spinner while it runs). */
export function ConnectFooter({ onClose, busy, label, testId }: { onClose: () => void; busy: boolean; label: string; testId: string }) {
  const shared = useTranslations('integrations');
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
        {shared('actions.cancel')}
      </Button>
      <Button type="submit" disabled={busy} data-testid={testId}>
        {busy && <Spinner aria-hidden />}
        {label}
      </Button>
    </DialogFooter>
  );
}

/** The "done" step's single button. */
export function DoneFooter({ onClose, testId }: { onClose: () => void; testId: string }) {
  const shared = useTranslations('integrations');
  return (
    <DialogFooter>
      <Button type="button" onClick={onClose} data-testid={testId}>
        {shared('actions.done')}
      </Button>
    </DialogFooter>
  );
}
