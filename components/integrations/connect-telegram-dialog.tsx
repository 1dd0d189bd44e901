'use client';
// Connect (or replace) the Telegram bot: the BotFather token goes to the API once and is never
// shown again; the card then names the bot and its webhook status.
import { useTranslations } from 'next-intl';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { toast } from '@/components/ui/sonner';
import { FormAlert } from '@/components/forms/form-alert';
import { FormDialog } from '@/components/agents/form-dialog';
import { ConnectFooter, NameAndPipelineFields, namePipelineBody, useConnectForm } from './connect-form';
import { telegramFormSchema, type TelegramFormValues } from './schemas';
import { useConnect } from './use-integrations';
import type { Integration } from './types';

export function ConnectTelegramDialog({ open, onClose, existing }: { open: boolean; onClose: () => void; existing: Integration | null }) {
  const t = useTranslations('integrations.telegram');
  const shared = useTranslations('integrations');
  const connect = useConnect('telegram');
  const defaults = (): TelegramFormValues => ({ bot_token: '', name: existing?.name ?? '', pipeline_id: existing?.pipeline_id ?? null });
  const { form, fieldError, formError, onSubmit, reset } = useConnectForm(telegramFormSchema, defaults, open, async (values) => {
    const saved = await connect.mutateAsync({ bot_token: values.bot_token.trim(), ...namePipelineBody(values) });
    toast.success(t('connected', { bot: saved.config.bot_username ? `@${saved.config.bot_username}` : saved.name ?? 'Telegram' }));
    reset();
    onClose();
  });
  const { errors, isDirty, isSubmitting } = form.formState;

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
        <NameAndPipelineFields form={form} fieldError={fieldError} testPrefix="telegram" />
        <ConnectFooter onClose={onClose} busy={isSubmitting} label={existing ? t('replace') : shared('actions.connect')} testId="telegram-connect-submit" />
      </form>
    </FormDialog>
  );
}
