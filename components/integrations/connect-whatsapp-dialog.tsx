'use client';
// Connect WhatsApp Business (Cloud API): phone number id, a permanent access token and the app
// secret go to the API once; afterwards the webhook URL and verify token to paste into Meta's
// dashboard, with copy buttons.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { FormAlert } from '@/components/forms/form-alert';
import { zodResolver } from '@/components/forms/resolver';
import { FormDialog } from '@/components/agents/form-dialog';
import { useClearErrorsOnChange, useErrorText, useFieldError } from '@/components/agents/use-api-errors';
import { PipelineSelect } from './pipeline-select';
import { whatsappFormSchema, type WhatsappFormValues } from './schemas';
import { applyConnectError } from './use-connect-errors';
import { useConnect } from './use-integrations';
import { WhatsappWebhookInfo } from './whatsapp-webhook-info';
import { Warnings } from './warnings';
import type { Integration } from './types';

export function ConnectWhatsappDialog({ open, onClose, existing }: { open: boolean; onClose: () => void; existing: Integration | null }) {
  const t = useTranslations('integrations.whatsapp');
  const shared = useTranslations('integrations');
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const connect = useConnect('whatsapp');
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Integration | null>(null);
  const defaults = (): WhatsappFormValues => ({
    phone_number_id: typeof existing?.config.phone_number_id === 'string' ? existing.config.phone_number_id : '',
    access_token: '',
    app_secret: '',
    verify_token: '',
    name: existing?.name ?? '',
    pipeline_id: existing?.pipeline_id ?? null,
  });
  const form = useForm<WhatsappFormValues, unknown, WhatsappFormValues>({ resolver: zodResolver(whatsappFormSchema), defaultValues: defaults() });
  const { errors, isDirty, isSubmitting } = form.formState;
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
      const saved = await connect.mutateAsync({
        phone_number_id: values.phone_number_id.trim(),
        access_token: values.access_token.trim(),
        app_secret: values.app_secret.trim(),
        ...(values.verify_token?.trim() ? { verify_token: values.verify_token.trim() } : {}),
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        pipeline_id: values.pipeline_id ?? null,
      });
      form.reset(defaults());
      setDone(saved);
    } catch (err) {
      if (!applyConnectError(err, form.setError, form.getValues())) setFormError(errorText(err));
    }
  });

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={!done && isDirty}
      busy={isSubmitting}
      title={done ? t('doneTitle') : existing ? t('replaceTitle') : t('connectTitle')}
      description={done ? t('doneDescription') : t('connectDescription')}
      testId="whatsapp-connect-dialog"
    >
      {done ? (
        <div className="grid min-w-0 gap-4" data-testid="whatsapp-connect-done">
          <Warnings warnings={done.warnings} />
          <WhatsappWebhookInfo integration={done} />
          <DialogFooter>
            <Button type="button" onClick={onClose} data-testid="whatsapp-connect-finish">
              {shared('actions.done')}
            </Button>
          </DialogFooter>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="grid min-w-0 gap-5">
          <FormAlert testId="whatsapp-connect-error">{formError}</FormAlert>
          <p className="rounded-lg border bg-muted/40 px-3 py-2.5 text-sm text-muted-foreground">{t('help')}</p>
          <FormField label={t('phoneNumberId')} description={t('phoneNumberIdHint')} error={fieldError(errors.phone_number_id)} required>
            <Input inputMode="numeric" autoComplete="off" autoFocus className="font-mono" data-testid="whatsapp-phone-number-id" {...form.register('phone_number_id')} />
          </FormField>
          <FormField label={t('accessToken')} description={t('accessTokenHint')} error={fieldError(errors.access_token)} required>
            <Input type="password" autoComplete="off" spellCheck={false} className="font-mono" data-testid="whatsapp-access-token" {...form.register('access_token')} />
          </FormField>
          <FormField label={t('appSecret')} description={t('appSecretHint')} error={fieldError(errors.app_secret)} required>
            <Input type="password" autoComplete="off" spellCheck={false} className="font-mono" data-testid="whatsapp-app-secret" {...form.register('app_secret')} />
          </FormField>
          <FormField label={t('verifyToken')} description={t('verifyTokenHint')} error={fieldError(errors.verify_token)}>
            <Input autoComplete="off" spellCheck={false} className="font-mono" data-testid="whatsapp-verify-token" {...form.register('verify_token')} />
          </FormField>
          <FormField label={shared('fields.name')} description={shared('fields.nameHint')} error={fieldError(errors.name)}>
            <Input maxLength={100} data-testid="whatsapp-name" {...form.register('name')} />
          </FormField>
          <FormField label={shared('fields.pipeline')} description={shared('fields.pipelineHint')} error={fieldError(errors.pipeline_id)}>
            {(control) => (
              <Controller
                control={form.control}
                name="pipeline_id"
                render={({ field }) => <PipelineSelect value={field.value ?? null} onChange={field.onChange} testId="whatsapp-pipeline" control={control} />}
              />
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
              {shared('actions.cancel')}
            </Button>
            <Button type="submit" disabled={isSubmitting} data-testid="whatsapp-connect-submit">
              {isSubmitting && <Spinner aria-hidden />}
              {shared('actions.connect')}
            </Button>
          </DialogFooter>
        </form>
      )}
    </FormDialog>
  );
}
