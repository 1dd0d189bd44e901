'use client';
// Connect (or replace) the Telegram bot: the BotFather token goes to the API once and is never
// shown again; the card then names the bot and its webhook status.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { FormAlert } from '@/components/forms/form-alert';
import { zodResolver } from '@/components/forms/resolver';
import { FormDialog } from '@/components/agents/form-dialog';
import { useClearErrorsOnChange, useErrorText, useFieldError } from '@/components/agents/use-api-errors';
import { PipelineSelect } from './pipeline-select';
import { telegramFormSchema, type TelegramFormValues } from './schemas';
import { applyConnectError } from './use-connect-errors';
import { useConnect } from './use-integrations';
import type { Integration } from './types';

export function ConnectTelegramDialog({ open, onClose, existing }: { open: boolean; onClose: () => void; existing: Integration | null }) {
  const t = useTranslations('integrations.telegram');
  const shared = useTranslations('integrations');
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const connect = useConnect('telegram');
  const [formError, setFormError] = useState<string | null>(null);
  const defaults = (): TelegramFormValues => ({ bot_token: '', name: existing?.name ?? '', pipeline_id: existing?.pipeline_id ?? null });
  const form = useForm<TelegramFormValues, unknown, TelegramFormValues>({ resolver: zodResolver(telegramFormSchema), defaultValues: defaults() });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  useEffect(() => {
    if (open) {
      form.reset(defaults());
      setFormError(null);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await connect.mutateAsync({
        bot_token: values.bot_token.trim(),
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        pipeline_id: values.pipeline_id ?? null,
      });
      toast.success(t('connected', { bot: saved.config.bot_username ? `@${saved.config.bot_username}` : saved.name ?? 'Telegram' }));
      form.reset(defaults());
      onClose();
    } catch (err) {
      if (!applyConnectError(err, form.setError, form.getValues())) setFormError(errorText(err));
    }
  });

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={isDirty}
      busy={isSubmitting}
      title={existing ? t('replaceTitle') : t('connectTitle')}
      description={t('connectDescription')}
      testId="telegram-connect-dialog"
    >
      <form onSubmit={onSubmit} noValidate className="grid min-w-0 gap-5">
        <FormAlert testId="telegram-connect-error">{formError}</FormAlert>
        <ol className="list-decimal space-y-1 rounded-lg border bg-muted/40 py-3 pr-3 pl-8 text-sm text-muted-foreground" data-testid="telegram-botfather-help">
          <li>{t.rich('help.step1', { b: (c) => <span className="font-medium text-foreground">{c}</span> })}</li>
          <li>{t.rich('help.step2', { code: (c) => <code className="rounded bg-muted px-1 font-mono text-xs text-foreground">{c}</code> })}</li>
          <li>{t('help.step3')}</li>
        </ol>
        <FormField label={t('token')} description={t('tokenHint')} error={fieldError(errors.bot_token)} required>
          <Input
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            className="font-mono"
            placeholder="123456789:AA…"
            data-testid="telegram-token"
            {...form.register('bot_token')}
          />
        </FormField>
        <FormField label={shared('fields.name')} description={shared('fields.nameHint')} error={fieldError(errors.name)}>
          <Input maxLength={100} data-testid="telegram-name" {...form.register('name')} />
        </FormField>
        <FormField label={shared('fields.pipeline')} description={shared('fields.pipelineHint')} error={fieldError(errors.pipeline_id)}>
          {(control) => (
            <Controller
              control={form.control}
              name="pipeline_id"
              render={({ field }) => <PipelineSelect value={field.value ?? null} onChange={field.onChange} testId="telegram-pipeline" control={control} />}
            />
          )}
        </FormField>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
            {shared('actions.cancel')}
          </Button>
          <Button type="submit" disabled={isSubmitting} data-testid="telegram-connect-submit">
            {isSubmitting && <Spinner aria-hidden />}
            {existing ? t('replace') : shared('actions.connect')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
