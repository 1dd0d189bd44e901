'use client';
// Connect WhatsApp Business (Cloud API): phone number id, a permanent access token and the app
// secret go to the API once; afterwards the webhook URL and verify token to paste into Meta's
// dashboard, with copy buttons.
import { useTranslations } from 'next-intl';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { FormAlert } from '@/components/forms/form-alert';
import { FormDialog } from '@/components/agents/form-dialog';
import { ConnectFooter, DoneFooter, NameAndPipelineFields, namePipelineBody, useConnectForm } from './connect-form';
import { whatsappFormSchema, type WhatsappFormValues } from './schemas';
import { useConnect } from './use-integrations';
import { WhatsappWebhookInfo } from './whatsapp-webhook-info';
import { Warnings } from './warnings';
import type { Integration } from './types';

export function ConnectWhatsappDialog({ open, onClose, existing }: { open: boolean; onClose: () => void; existing: Integration | null }) {
  const t = useTranslations('integrations.whatsapp');
  const shared = useTranslations('integrations');
  const connect = useConnect('whatsapp');
  const defaults = (): WhatsappFormValues => ({
    phone_number_id: typeof existing?.config.phone_number_id === 'string' ? existing.config.phone_number_id : '',
    access_token: '',
    app_secret: '',
    verify_token: '',
    name: existing?.name ?? '',
    pipeline_id: existing?.pipeline_id ?? null,
  });
  const { form, fieldError, formError, done, onSubmit } = useConnectForm(whatsappFormSchema, defaults, open, async (values, finish) => {
    finish(
      await connect.mutateAsync({
        phone_number_id: values.phone_number_id.trim(),
        access_token: values.access_token.trim(),
        app_secret: values.app_secret.trim(),
        ...(values.verify_token?.trim() ? { verify_token: values.verify_token.trim() } : {}),
        ...namePipelineBody(values),
      }),
    );
  });
  const { errors, isDirty, isSubmitting } = form.formState;

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
          <DoneFooter onClose={onClose} testId="whatsapp-connect-finish" />
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
          <NameAndPipelineFields form={form} fieldError={fieldError} testPrefix="whatsapp" />
          <ConnectFooter onClose={onClose} busy={isSubmitting} label={shared('actions.connect')} testId="whatsapp-connect-submit" />
        </form>
      )}
    </FormDialog>
  );
}
