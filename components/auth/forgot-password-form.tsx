'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { MailCheckIcon, MailWarningIcon } from 'lucide-react';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import { forgotPasswordAction } from '@/app/(auth)/actions';

/** mailOff: production without SMTP, where no reset mail can arrive. */
export function ForgotPasswordForm({ mailOff = false }: { mailOff?: boolean }) {
  const t = useTranslations('auth');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const { register, handleSubmit, setError, formState } = useForm<{ email: string }>({ defaultValues: { email: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await forgotPasswordAction(values);
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, ['email']))) setFormError(errorText(err));
      return;
    }
    setSentTo(values.email.trim());
  });

  if (sentTo) {
    return (
      <div className="grid gap-5" data-testid="forgot-password-sent">
        <div className="flex items-start gap-3 rounded-lg border bg-muted/40 p-4">
          <MailCheckIcon className="mt-0.5 size-5 shrink-0 text-primary" aria-hidden />
          <p className="text-sm leading-relaxed">{t('forgot.sent', { email: sentTo })}</p>
        </div>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="forgot-password-form">
      {mailOff && (
        <div className="flex items-start gap-3 rounded-lg border border-amber-500/40 bg-amber-500/10 p-4" role="note" data-testid="forgot-mail-off">
          <MailWarningIcon className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
          <p className="text-sm leading-relaxed">{t('forgot.mailOff')}</p>
        </div>
      )}
      <FormAlert>{formError}</FormAlert>
      <FormField label={t('fields.email')} error={fieldText('email', formState.errors.email)}>
        <Input type="email" autoComplete="email" autoFocus placeholder={t('fields.emailPlaceholder')} data-testid="forgot-email" {...register('email')} />
      </FormField>
      <SubmitButton pending={formState.isSubmitting} size="lg" className="w-full" data-testid="forgot-submit">
        {t('forgot.submit')}
      </SubmitButton>
    </form>
  );
}
